package tomlx

import (
	"reflect"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

type shelf struct {
	Books []book          `toml:"book"`
	Tags  map[string]int  `toml:"tags"`
	Notes map[string]any  `toml:"notes"`
	Owner struct{ N int } `toml:"owner"`
	Size  float64         `toml:"size"`
}

type book struct {
	Title string `toml:"title"`
	Pages int    `toml:"pages"`
}

// byTitle names books by their title.
type byTitle struct{}

func (byTitle) Word(reflect.Type) string                { return "title" }
func (byTitle) Names(_ reflect.Type, field string) bool { return field == "title" }
func (byTitle) Find(list reflect.Value, name, want string) (int, error) {
	for i := 0; i < list.Len(); i++ {
		if list.Index(i).Field(0).String() == want {
			return i, nil
		}
	}
	return 0, Errorf(CodeUnknownRef, "no %s %q", name, want)
}

func TestResolve(t *testing.T) {
	c := NewCodec()
	s := shelf{Books: []book{{Title: "a"}, {Title: "b"}}}
	root := reflect.ValueOf(&s).Elem()
	tg, err := c.Resolve(root, "book.b.pages", byTitle{})
	require.NoError(t, err)
	assert.Equal(t, "book[1].pages", tg.PathString())
	assert.Equal(t, reflect.TypeFor[int](), tg.ValueType())
	tg, err = c.Resolve(root, "tags.x", byTitle{})
	require.NoError(t, err)
	assert.True(t, tg.Entry)
	assert.Equal(t, "x", tg.MapKey)

	for key, want := range map[string]string{
		"book.c.pages": `no book "c"`,
		"book.a.title": `"title" cannot be set: ids tie the scenario together`,
		"book":         `"book" is a list: name one by its title, as in book.<title>.<key>`,
		"book.a":       `"book.a" is a table: name one of its keys (pages)`,
		"notes.x":      `"notes" cannot be set with a key`,
		"size.x":       `"size" is a single value, it has no key "x"`,
		"sise":         `unknown key "sise" (did you mean "size"?)`,
		"colour":       `unknown key "colour": there is no "colour" at the top level (the keys there are book, tags, notes, owner, size)`,
		"owner":        `"owner" is a table: name one of its keys ()`,
		"a..b":         `malformed key "a..b": empty part between dots`,
	} {
		_, err := c.Resolve(root, key, byTitle{})
		assert.EqualError(t, err, want, key)
	}
}
