// $id는 인사 한 줄을 출력하고 끝난다. 예제가 가르칠 것에 맞게 고친다.
package main

import "fmt"

func main() {
	fmt.Println("안녕, $id")
}
