import TensorCore

// ex9.3 (part 1) — Linear warm-up, then another schedule (Goyal et al. 2017).
//
// With W = warmupSteps and the target ε* = wrapped.learningRate(at: 0):
//
//     ε_k = ε* · (k + 1) / W        for 0 ≤ k < W
//     ε_k = wrapped(k − W)          for k ≥ W
//
// Convention (document it: libraries differ): step 0 already moves, with ε*/W — never 0, which
// would waste an update. Step W − 1 is the peak ε*; step W is the wrapped schedule's step 0
// (also ε*), so the wrapped schedule starts fresh after the warm-up. This matches PyTorch's
// `LinearLR(start_factor=1/W, end_factor=1, total_iters=W−1)` followed by the wrapped schedule.
// Pitfalls: k/W (step 0 gives 0, the peak comes one step late); comparing k > W instead of
// k ≥ W (step W overshoots to ε*·(W+1)/W).

/// Linear warm-up over `warmupSteps` steps to `wrapped.learningRate(at: 0)`, then `wrapped`.
public struct Warmup<Wrapped: LearningRateSchedule>: LearningRateSchedule {
    public var wrapped: Wrapped
    /// W, the number of warm-up steps (steps 0 … W−1).
    public var warmupSteps: Int

    public init(warmupSteps: Int, then wrapped: Wrapped) {
        precondition(warmupSteps > 0, "Warmup: \(warmupSteps) warm-up steps; need at least 1")
        self.wrapped = wrapped
        self.warmupSteps = warmupSteps
    }

    public func learningRate(at step: Int) -> Double {
        validateStepIndex(step, "Warmup")
        // BEGIN SOLUTION ex9.3
        if step >= warmupSteps { return wrapped.learningRate(at: step - warmupSteps) }
        let target = wrapped.learningRate(at: 0)
        return target * Double(step + 1) / Double(warmupSteps)
        // END SOLUTION
    }
}
