package agents

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

// Every kind has a distinct name that parses back: a kind without a name
// would be written to the log as an event with no kind.
func TestKindNames(t *testing.T) {
	seen := map[string]Kind{}
	for _, k := range Kinds() {
		name := k.String()
		assert.NotEmpty(t, kindNames[k], "kind %d has no name", k)
		if prev, dup := seen[name]; dup {
			t.Errorf("kinds %d and %d share the name %q", prev, k, name)
		}
		seen[name] = k
		back, ok := ParseKind(name)
		assert.True(t, ok)
		assert.Equal(t, k, back)
	}
}
