package main

import "testing"

func TestDescribeShowsEachArgumentQuoted(t *testing.T) {
	got := describe([]string{"기본", "두 단어"})
	want := `인자 2개: ["기본" "두 단어"]`
	if got != want {
		t.Fatalf("describe() = %s, want %s", got, want)
	}
}
