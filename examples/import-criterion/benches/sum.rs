// `cargo bench` runs this with criterion, which writes every sample to
// target/criterion/sum/<function>/new/sample.json: the files perfgate reads.
use criterion::{criterion_group, criterion_main, Criterion};
use std::hint::black_box;
use sum::{iter_sum, loop_sum};

fn bench(c: &mut Criterion) {
    let numbers: Vec<u64> = (0..10_000).map(|i| i % 31).collect();
    let mut group = c.benchmark_group("sum");
    group.bench_function("loop", |b| b.iter(|| loop_sum(black_box(&numbers))));
    group.bench_function("iter", |b| b.iter(|| iter_sum(black_box(&numbers))));
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
