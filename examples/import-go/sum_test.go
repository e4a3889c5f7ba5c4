package sum

import "testing"

var numbers = func() []int {
	xs := make([]int, 10000)
	for i := range xs {
		xs[i] = i % 31
	}
	return xs
}()

func BenchmarkLoop(b *testing.B) {
	for i := 0; i < b.N; i++ {
		Loop(numbers)
	}
}

func BenchmarkPairs(b *testing.B) {
	for i := 0; i < b.N; i++ {
		Pairs(numbers)
	}
}
