// nohandler는 hello와 같은 웹 서버에서 신호 처리만 뺐다. 정지 페이지에서 비교하려고 만든 나쁜 예다.
// os/signal을 쓰지 않아도 Go 런타임은 SIGTERM을 스스로 받는다. 처리기를 등록한 코드가 없으면 런타임이
// 기본 동작(프로세스 종료)을 따르므로, PID 1이어도 신호를 무시하지 않고 곧바로 끝난다. 종료 코드는
// 128+15 = 143이고, 처리 중이던 요청은 마치지 못한다.
package main

import (
	"fmt"
	"log"
	"net/http"
	"os"
	"time"
)

const greeting = "Hello, Kubernetes"

func handler(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	fmt.Fprintln(w, greeting)
}

func newServer(addr string) *http.Server {
	mux := http.NewServeMux()
	mux.HandleFunc("/", handler)
	return &http.Server{Addr: addr, Handler: mux, ReadHeaderTimeout: 5 * time.Second}
}

func main() {
	addr := ":8080"
	if port := os.Getenv("PORT"); port != "" {
		addr = ":" + port
	}
	log.Printf("listening on %s", addr)
	log.Fatal(newServer(addr).ListenAndServe())
}
