package main

import (
	"net/http"
	"net/http/httptest"
	"testing"
)

func TestHandlerAnswersTheGreeting(t *testing.T) {
	rec := httptest.NewRecorder()
	handler(rec, httptest.NewRequest(http.MethodGet, "/", nil))
	if got, want := rec.Body.String(), greeting+"\n"; got != want {
		t.Fatalf("body = %q, want %q", got, want)
	}
}
