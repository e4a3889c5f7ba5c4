// Package sum adds numbers two ways, to give go test -bench something to compare.
package sum

// Loop adds the numbers one by one.
func Loop(xs []int) int {
	total := 0
	for _, x := range xs {
		total += x
	}
	return total
}

// Pairs adds two numbers per step.
func Pairs(xs []int) int {
	total := 0
	i := 0
	for ; i+1 < len(xs); i += 2 {
		total += xs[i] + xs[i+1]
	}
	if i < len(xs) {
		total += xs[i]
	}
	return total
}
