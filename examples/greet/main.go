// greet는 인사말과 자기 버전을 한 줄 출력하고 끝난다.
// 인사말은 실행할 때의 환경 변수 GREETING에서, 버전은 빌드할 때 -ldflags -X로 넣은 값에서 온다.
package main

import (
	"fmt"
	"os"
)

// version은 빌드할 때 Dockerfile의 ARG VERSION이 -ldflags "-X main.version=..."로 바꿔 넣는다.
var version = "dev"

// line은 출력할 한 줄을 만든다. 인사말이 비어 있으면 기본값을 쓴다.
func line(greeting, version string) string {
	if greeting == "" {
		greeting = "hi"
	}
	return fmt.Sprintf("%s (version %s)", greeting, version)
}

func main() {
	fmt.Println(line(os.Getenv("GREETING"), version))
}
