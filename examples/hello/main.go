// hello는 8080 포트에서 "Hello, Kubernetes"라고 답하는 작은 웹 서버입니다.
package main

import (
	"fmt"
	"log"
	"net/http"
	"os"
)

// greeting은 GET / 요청에 돌려줄 본문입니다. main_test.go와 data/examples.yml이 같은 값을 기대합니다.
const greeting = "Hello, Kubernetes"

func handler(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	fmt.Fprintln(w, greeting)
}

func main() {
	addr := ":8080"
	if port := os.Getenv("PORT"); port != "" {
		addr = ":" + port
	}
	http.HandleFunc("/", handler)
	log.Printf("listening on %s", addr)
	log.Fatal(http.ListenAndServe(addr, nil))
}
