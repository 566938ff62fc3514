# Convenience targets; scripts/test.sh is the one place the checks live.
.PHONY: test bench run

test:
	./scripts/test.sh

bench:
	go test -run '^$$' -bench . -benchmem ./...

run:
	go run ./cmd/cpkrange run
