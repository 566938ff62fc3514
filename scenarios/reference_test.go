package scenarios

import (
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"reflect"
	"strconv"
	"strings"
	"testing"

	"cpkrange/scenarios/internal/tomlx"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The reference section of docs/scenario-format.md is generated from the
// schema: the tags (read the way Load and Validate read them) and the doc
// comments in schema.go (read with go/parser).

const (
	formatDoc   = "../docs/scenario-format.md"
	refStart    = "<!-- reference:start -->"
	refEnd      = "<!-- reference:end -->"
	schemaFile  = "schema.go"
	refPreamble = "<!-- Generated from scenarios/schema.go by TestFormatReferenceInSync; edit the doc comments there and run go test ./scenarios -run TestFormatReferenceInSync -update. -->"
)

// schemaDocs holds the doc comments of schema.go.
type schemaDocs struct {
	types  map[string]string            // type name -> doc
	fields map[string]map[string]string // type name -> Go field name -> doc
	order  map[string][]string          // type name -> Go field names in order
}

func readSchemaDocs(t *testing.T) schemaDocs {
	t.Helper()
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, schemaFile, nil, parser.ParseComments)
	require.NoError(t, err)
	docs := schemaDocs{types: map[string]string{}, fields: map[string]map[string]string{}, order: map[string][]string{}}
	for _, decl := range f.Decls {
		gd, ok := decl.(*ast.GenDecl)
		if !ok || gd.Tok != token.TYPE {
			continue
		}
		for _, spec := range gd.Specs {
			ts := spec.(*ast.TypeSpec)
			st, ok := ts.Type.(*ast.StructType)
			if !ok {
				continue
			}
			doc := ts.Doc
			if doc == nil {
				doc = gd.Doc
			}
			docs.types[ts.Name.Name] = doc.Text()
			docs.fields[ts.Name.Name] = map[string]string{}
			for _, fl := range st.Fields.List {
				text := fl.Doc.Text()
				if text == "" {
					text = fl.Comment.Text()
				}
				for _, n := range fl.Names {
					docs.fields[ts.Name.Name][n.Name] = text
					docs.order[ts.Name.Name] = append(docs.order[ts.Name.Name], n.Name)
				}
			}
		}
	}
	return docs
}

// TestSchemaFieldsHaveDocComments: every field of the schema is documented,
// because its comment is its line in the reference.
func TestSchemaFieldsHaveDocComments(t *testing.T) {
	docs := readSchemaDocs(t)
	require.NotEmpty(t, docs.fields["Scenario"])
	for typ, fields := range docs.fields {
		assert.NotEmpty(t, strings.TrimSpace(docs.types[typ]), "type %s has no doc comment", typ)
		for name, doc := range fields {
			assert.NotEmpty(t, strings.TrimSpace(doc), "%s.%s has no doc comment", typ, name)
		}
	}
}

func TestFormatReferenceInSync(t *testing.T) {
	ref := generateReference(t, readSchemaDocs(t))
	data, err := os.ReadFile(formatDoc)
	require.NoError(t, err)
	doc := string(data)
	i, j := strings.Index(doc, refStart), strings.Index(doc, refEnd)
	require.True(t, i >= 0 && j > i, "%s has no %s ... %s markers", formatDoc, refStart, refEnd)
	want := doc[:i+len(refStart)] + "\n" + ref + doc[j:]
	if *update {
		require.NoError(t, os.WriteFile(formatDoc, []byte(want), 0o644))
		return
	}
	assert.Equal(t, want, doc, "the reference in %s is out of date: run go test ./scenarios -run TestFormatReferenceInSync -update", formatDoc)
}

// section is one table of the reference: a struct type and where it is
// written in a file.
type section struct {
	typ   reflect.Type
	paths []string // e.g. "[[inject]]"; more than one for effects
}

func generateReference(t *testing.T, docs schemaDocs) string {
	// Collect the sections depth first in field order, each type once.
	var sections []*section
	byType := map[reflect.Type]*section{}
	var walk func(typ reflect.Type, path string)
	walk = func(typ reflect.Type, path string) {
		for _, f := range schemaFields(typ) {
			p := strings.TrimPrefix(path+"."+f.Name, ".")
			var et reflect.Type
			var written string
			switch f.Kind {
			case tomlx.KindTableField:
				et, written = f.Type, "["+p+"]"
			case tomlx.KindTablesList:
				et = f.Type.Elem()
				written = "[[" + p + "]]"
				if isInlineArray(f) {
					written = "[[" + path + "]]"
				}
			default:
				continue
			}
			if s, ok := byType[et]; ok {
				s.paths = append(s.paths, written)
				continue
			}
			s := &section{typ: et, paths: []string{written}}
			byType[et] = s
			sections = append(sections, s)
			walk(et, p)
		}
	}
	root := reflect.TypeFor[Scenario]()
	walk(root, "")

	var b strings.Builder
	b.WriteString(refPreamble + "\n\n")
	b.WriteString("Types: *duration*, *rate* and *fraction* are described under [Units](#units). " +
		"\"Required\" keys have no default: leave one out and the loader says so. " +
		"Ranges are inclusive; for a list they apply to each element, for a table of numbers to each value.\n\n")
	b.WriteString("### Top level\n\n")
	writeTable(t, &b, docs, root)
	for _, s := range sections {
		if s.typ == reflect.TypeFor[Effect]() {
			fmt.Fprintf(&b, "### Effects: `effects = [{ ... }]` in %s\n\n", tomlx.JoinAnd(s.paths))
		} else {
			fmt.Fprintf(&b, "### %s\n\n", strings.Join(s.paths, ", "))
		}
		if d := docText(docs.types[s.typ.Name()], s.typ.Name()); d != "" {
			b.WriteString(d + "\n\n")
		}
		writeTable(t, &b, docs, s.typ)
	}
	return b.String()
}

// isInlineArray reports whether an array of tables is written inline
// (effects = [{ ... }]) rather than with [[...]] headers: arrays of tables
// of a kind that holds no tables itself and sits under an array of tables.
func isInlineArray(f tomlx.Field) bool {
	return f.Type.Elem() == reflect.TypeFor[Effect]()
}

func writeTable(t *testing.T, b *strings.Builder, docs schemaDocs, typ reflect.Type) {
	b.WriteString("| Key | Type | Default | Allowed | Meaning |\n|---|---|---|---|---|\n")
	goNames := docs.order[typ.Name()]
	fields := schemaFields(typ)
	for _, f := range fields {
		doc, ok := docs.fields[typ.Name()][f.GoName]
		require.True(t, ok, "%s.%s is not in %s", typ.Name(), f.GoName, schemaFile)
		fmt.Fprintf(b, "| `%s` | %s | %s | %s | %s |\n",
			f.Name, typeWords(f), defaultWords(f), allowedWords(f), cell(docText(doc, f.GoName)))
	}
	require.Len(t, goNames, len(fields), "%s: every field needs a toml tag", typ.Name())
	b.WriteString("\n")
}

// docText turns a Go doc comment into reference prose: one line, without
// the Go name it starts with ("Hosts is the number" becomes "The number",
// "DependsOn lists" becomes "Lists"), capitalised.
func docText(doc, goName string) string {
	s := strings.Join(strings.Fields(doc), " ")
	if rest, ok := strings.CutPrefix(s, goName+" "); ok {
		verb, after, _ := strings.Cut(rest, " ")
		switch {
		case verb == "is" || verb == "are":
			s = after
		case strings.HasSuffix(verb, "s") && verb != "has":
			s = rest
		}
	}
	if s != "" && s[0] >= 'a' && s[0] <= 'z' {
		// Latin letters only: "γ of ..." stays γ, and whole.
		s = strings.ToUpper(s[:1]) + s[1:]
	}
	return s
}

func cell(s string) string {
	s = strings.ReplaceAll(s, "|", `\|`)
	s = strings.ReplaceAll(s, "<", "&lt;")
	return s
}

func typeWords(f tomlx.Field) string {
	switch f.Kind {
	case tomlx.KindTableField:
		return "table"
	case tomlx.KindTablesList:
		if isInlineArray(f) {
			return "array of inline tables"
		}
		return "array of tables"
	}
	return valueTypeWords(f.Type)
}

func valueTypeWords(t reflect.Type) string {
	switch t {
	case durationType:
		return "duration"
	case rateType:
		return "rate"
	case fractionType:
		return "fraction"
	}
	switch t.Kind() {
	case reflect.String:
		return "string"
	case reflect.Bool:
		return "boolean"
	case reflect.Int, reflect.Int64:
		return "integer"
	case reflect.Uint64:
		return "integer ≥ 0"
	case reflect.Float64:
		return "number"
	case reflect.Slice:
		return "list of " + tomlx.Plural(2, valueTypeWords(t.Elem()))[2:]
	case reflect.Map:
		if t.Elem().Kind() == reflect.Interface {
			return "table of values"
		}
		return "table of " + tomlx.Plural(2, valueTypeWords(t.Elem()))[2:]
	}
	return t.String()
}

func defaultWords(f tomlx.Field) string {
	switch {
	case f.Kind != tomlx.KindValue:
		return "—"
	case f.Required:
		return "required"
	}
	if f.Type == durationType || f.Type == rateType {
		return "`" + strconv.Quote(f.Default) + "`" // as written in the tag: "24h", not "1d"
	}
	return "`" + tomlValue(f.DefVal) + "`"
}

// tomlValue writes a value as it would appear in a scenario file.
func tomlValue(v reflect.Value) string {
	switch v.Type() {
	case durationType, rateType:
		return strconv.Quote(codec.Format(v))
	case fractionType:
		return strconv.FormatFloat(v.Float(), 'g', -1, 64)
	}
	switch v.Kind() {
	case reflect.String:
		return strconv.Quote(v.String())
	case reflect.Slice:
		parts := make([]string, v.Len())
		for i := range parts {
			parts[i] = tomlValue(v.Index(i))
		}
		return "[" + strings.Join(parts, ", ") + "]"
	case reflect.Map:
		if v.Len() == 0 {
			return "{}"
		}
	case reflect.Int, reflect.Int64:
		return strconv.FormatInt(v.Int(), 10)
	}
	return fmt.Sprint(v.Interface())
}

func allowedWords(f tomlx.Field) string {
	var parts []string
	if f.Type == fractionType || f.Kind == tomlx.KindValue && tomlx.ScalarType(f.Type) == fractionType {
		parts = append(parts, "0 – 1")
	}
	if f.Range != nil {
		r := f.Range
		switch {
		case r.HasLo && r.HasHi:
			parts = append(parts, tomlx.GroupText(r.LoText)+" – "+tomlx.GroupText(r.HiText))
		case r.HasLo:
			parts = append(parts, "≥ "+tomlx.GroupText(r.LoText))
		case r.HasHi:
			parts = append(parts, "≤ "+tomlx.GroupText(r.HiText))
		}
	}
	if f.Enum != nil {
		words := make([]string, len(f.Enum))
		for i, w := range f.Enum {
			words[i] = "`" + w + "`"
			if w == "" {
				words[i] = "`\"\"`"
			}
		}
		prefix := ""
		if f.Type.Kind() == reflect.Map {
			prefix = "keys: "
		}
		parts = append(parts, prefix+strings.Join(words, ", "))
	}
	if f.Ref != "" {
		parts = append(parts, tomlx.Article(f.Ref)+" id")
	}
	if f.Limit >= 0 {
		parts = append(parts, "at most "+strconv.Itoa(f.Limit))
	}
	if len(parts) == 0 {
		return ""
	}
	return strings.Join(parts, "; ")
}

// fencedBlocks returns the contents of the fenced code blocks of a
// language in a Markdown document.
func fencedBlocks(doc, lang string) []string {
	var out []string
	for {
		i := strings.Index(doc, "```"+lang+"\n")
		if i < 0 {
			return out
		}
		doc = doc[i+len(lang)+4:]
		j := strings.Index(doc, "```")
		if j < 0 {
			return out
		}
		out = append(out, doc[:j])
		doc = doc[j:]
	}
}

// The guide's first TOML block is a complete scenario, and the later ones
// (a variant, sweeps) fit it: together they load without problems.
func TestFormatExamplesLoad(t *testing.T) {
	data, err := os.ReadFile(formatDoc)
	require.NoError(t, err)
	blocks := fencedBlocks(string(data), "toml")
	require.GreaterOrEqual(t, len(blocks), 2)
	s, err := Load("example.toml", []byte(blocks[0]), Options{})
	require.NoError(t, err, "the complete example in %s", formatDoc)
	assert.Equal(t, "proportional", s.States[0].Posture, "the guide says so")
	assert.Equal(t, Duration(24), s.Assets[0].Restore, "the guide says so")
	all := strings.Join(blocks, "\n")
	_, err = Load("examples.toml", []byte(all), Options{Variant: "hawkish"})
	require.NoError(t, err, "the examples of %s together", formatDoc)
}

// The guide's example of error messages is real output.
func TestFormatErrorExcerptIsReal(t *testing.T) {
	data, err := os.ReadFile(formatDoc)
	require.NoError(t, err)
	blocks := fencedBlocks(string(data), "text")
	require.Len(t, blocks, 1)
	golden, err := os.ReadFile(brokenDir + "/many-problems.golden")
	require.NoError(t, err)
	var kept []string
	for _, line := range strings.Split(strings.TrimSuffix(blocks[0], "\n"), "\n") {
		kept = append(kept, line)
		assert.Contains(t, string(golden), line)
	}
	require.NotEmpty(t, kept)
}
