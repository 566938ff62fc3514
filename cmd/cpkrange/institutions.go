package main

import (
	"fmt"
	"io"
	"strings"

	"cpkrange/agents"
	"cpkrange/scenarios"
)

func init() {
	register(command{
		name:    "institutions",
		usage:   "",
		summary: "list the hosts of the force (force.institution): the functions each mandate holds, whom it acts against, where its clearinghouse reaches",
		run:     institutionsCmd,
	})
}

func institutionsCmd(args []string, stdout, stderr io.Writer) int {
	fs := newFlags("institutions", stderr)
	if _, code, ok := parseArgs(fs, args); !ok {
		return code
	}
	for _, in := range scenarios.Institutions {
		fmt.Fprintf(stdout, "%s: %s\n", in.Name, in.Summary)
		var held []string
		for _, fn := range agents.Functions {
			if in.Holds(fn.Name) {
				held = append(held, fn.Name)
			}
		}
		fmt.Fprintf(stdout, "  functions (%d of %d): %s\n", len(held), len(agents.Functions), strings.Join(held, ", "))
		scope := "every attacker"
		if in.CrimeOnly {
			scope = "criminal attackers only (monitoring, early warning, shared indicators)"
		}
		reach := "member states only (an agreement)"
		if in.OpenData {
			reach = "every state, from open data and social media"
		}
		fmt.Fprintf(stdout, "  acts against: %s\n", scope)
		if in.Holds(agents.CoordinatorClearinghouse.String()) {
			fmt.Fprintf(stdout, "  clearinghouse reaches: %s\n", reach)
		}
	}
	return exitOK
}
