// hello는 8080 포트에서 "Hello, Kubernetes"라고 답하는 작은 웹 서버다.
// SIGTERM(docker container stop, 파드 삭제)이나 SIGINT를 받으면 처리 중인 요청을 마치고 바로 끝난다.
package main

import (
	"context"
	"errors"
	"fmt"
	"log"
	"net/http"
	"os"
	"os/signal"
	"syscall"
	"time"
)

// greeting은 GET / 요청에 돌려줄 본문이다. main_test.go와 data/examples.yml이 같은 값을 기대한다.
const greeting = "Hello, Kubernetes"

// shutdownGrace는 신호를 받은 뒤 처리 중인 요청을 기다리는 최대 시간이다.
// docker container stop의 기본 유예 시간(10초)보다 짧아야 SIGKILL 전에 스스로 끝난다.
const shutdownGrace = 5 * time.Second

func handler(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	fmt.Fprintln(w, greeting)
}

// newServer는 느린 클라이언트가 연결을 붙잡아 두지 못하게 시간 제한을 둔 서버를 만든다.
func newServer(addr string) *http.Server {
	mux := http.NewServeMux()
	mux.HandleFunc("/", handler)
	return &http.Server{
		Addr:              addr,
		Handler:           mux,
		ReadHeaderTimeout: 5 * time.Second,
		ReadTimeout:       10 * time.Second,
		WriteTimeout:      10 * time.Second,
		IdleTimeout:       60 * time.Second,
	}
}

// serve는 ctx가 끝날 때(신호를 받을 때)까지 요청을 처리하고, 그다음 처리 중인 요청을 마치고 끝낸다(정상 종료).
func serve(ctx context.Context, srv *http.Server) error {
	errc := make(chan error, 1)
	go func() { errc <- srv.ListenAndServe() }()
	select {
	case err := <-errc:
		return err // 포트를 열지 못한 경우 등
	case <-ctx.Done():
	}
	log.Print("shutting down")
	shutdownCtx, cancel := context.WithTimeout(context.Background(), shutdownGrace)
	defer cancel()
	if err := srv.Shutdown(shutdownCtx); err != nil {
		return err
	}
	if err := <-errc; !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}

func main() {
	addr := ":8080"
	if port := os.Getenv("PORT"); port != "" {
		addr = ":" + port
	}
	// SIGTERM을 런타임에게서 넘겨받는다. 넘겨받지 않아도 Go 런타임은 SIGTERM에 곧바로 끝나지만(PID 1이면
	// 종료 코드 143), 그러면 처리 중인 요청이 끊긴다. 여기서 받아 serve가 요청을 마치고 0으로 끝나게 한다.
	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGTERM, os.Interrupt)
	defer stop()
	log.Printf("listening on %s", addr)
	if err := serve(ctx, newServer(addr)); err != nil {
		log.Fatal(err)
	}
	log.Print("stopped")
}
