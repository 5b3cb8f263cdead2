package main

import "testing"

func TestLineUsesTheGreetingAndTheVersion(t *testing.T) {
	if got, want := line("hello", "0.2"), "hello (version 0.2)"; got != want {
		t.Fatalf("line() = %q, want %q", got, want)
	}
}

func TestLineFallsBackWhenGreetingIsEmpty(t *testing.T) {
	if got, want := line("", "dev"), "hi (version dev)"; got != want {
		t.Fatalf("line() = %q, want %q", got, want)
	}
}
