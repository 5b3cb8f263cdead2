// args는 받은 명령줄 인자를 개수와 함께 출력하고 끝난다.
// ENTRYPOINT와 CMD가 합쳐져 어떤 명령줄이 되는지 눈으로 확인하려고 만든 프로그램이다.
package main

import (
	"fmt"
	"os"
)

// describe는 인자 목록을 한 줄로 적는다. %q로 적으므로 공백이 든 인자도 경계가 보인다.
func describe(args []string) string {
	return fmt.Sprintf("인자 %d개: %q", len(args), args)
}

func main() {
	fmt.Println(describe(os.Args[1:]))
}
