package scenarios

import (
	"fmt"
	"sort"
	"strings"

	"gonum.org/v1/gonum/graph/simple"
	"gonum.org/v1/gonum/graph/topo"
)

// cycles reports one dependency cycle for every group of assets that depend
// on each other (a strongly connected component of two or more assets).
func (c *checker) cycles() {
	if c.blocked {
		// Over a list limit the file must be cut down anyway, and the
		// search recurses once per asset in a chain.
		return
	}
	byID := c.ids["asset"]
	n := len(c.s.Assets)
	g := simple.NewDirectedGraph()
	for i := 0; i < n; i++ {
		g.AddNode(simple.Node(i))
	}
	edges := make([][]int, n)
	for i, a := range c.s.Assets {
		if byID[a.ID] != i {
			continue // a duplicate; reported already
		}
		for _, d := range a.DependsOn {
			if j, ok := byID[d]; ok && j != i {
				edges[i] = append(edges[i], j)
				g.SetEdge(simple.Edge{F: simple.Node(i), T: simple.Node(j)})
			}
		}
	}
	comp := make([]int, n)
	var groups [][]int
	for k, scc := range topo.TarjanSCC(g) {
		members := make([]int, len(scc))
		for m, v := range scc {
			members[m] = int(v.ID())
			comp[v.ID()] = k
		}
		if len(members) > 1 {
			sort.Ints(members)
			groups = append(groups, members)
		}
	}
	sort.Slice(groups, func(i, j int) bool { return groups[i][0] < groups[j][0] })
	for _, grp := range groups {
		start := grp[0]
		cyc := shortestCycle(start, edges, comp)
		names := make([]string, len(cyc))
		for i, a := range cyc {
			names[i] = c.s.Assets[a].ID
		}
		// Point at the first step of the cycle in the first asset's list.
		j := 0
		for k, d := range c.s.Assets[start].DependsOn {
			if len(cyc) > 1 && d == c.s.Assets[cyc[1]].ID {
				j = k
				break
			}
		}
		c.add(CodeCycle, fmt.Sprintf("asset[%d].depends_on[%d]", start, j), "dependency cycle: %s", strings.Join(names, " → "))
	}
}

// shortestCycle finds a shortest cycle through start within its component,
// breadth first, following each asset's dependencies in the order written;
// it returns the assets in order with start at both ends.
func shortestCycle(start int, edges [][]int, comp []int) []int {
	prev := map[int]int{start: -1}
	queue := []int{start}
	for len(queue) > 0 {
		v := queue[0]
		queue = queue[1:]
		for _, w := range edges[v] {
			if comp[w] != comp[start] {
				continue
			}
			if w == start {
				var path []int
				for u := v; u >= 0; u = prev[u] {
					path = append(path, u)
				}
				for i, j := 0, len(path)-1; i < j; i, j = i+1, j-1 {
					path[i], path[j] = path[j], path[i]
				}
				return append(path, start)
			}
			if _, seen := prev[w]; !seen {
				prev[w] = v
				queue = append(queue, w)
			}
		}
	}
	return []int{start, start}
}
