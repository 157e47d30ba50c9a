/// Linear warm-up (Goyal et al. 2017, "Accurate, large minibatch SGD"), then another schedule.
///
/// With `W = warmupSteps`, the target `ε* = wrapped.learningRate(at: 0)` and the start value `s`
/// (0 by default):
///
///     ε_k = s + (ε* − s)·(k + 1)/W     for 0 ≤ k < W
///     ε_k = wrapped(k − W)             for k ≥ W
///
/// Convention: step 0 already moves, giving `s + (ε* − s)/W` (that is `ε*/W` from 0), never 0
/// — a zero learning rate would waste an update. Step `W − 1` reaches `ε*`; step `W` is the
/// wrapped schedule's step 0 (also `ε*`), so the wrapped schedule starts fresh after warm-up.
/// From 0 this matches PyTorch's `LinearLR(start_factor = 1/W, total_iters = W − 1)`.
public struct Warmup<Wrapped: LearningRateSchedule>: LearningRateSchedule {
    public var wrapped: Wrapped
    public var warmupSteps: Int
    public var start: Double

    public init(warmupSteps: Int, start: Double = 0, then wrapped: Wrapped) {
        precondition(warmupSteps > 0, "Warmup: \(warmupSteps) warm-up steps; need at least 1")
        precondition(start >= 0, "Warmup: start value \(start) is negative")
        self.wrapped = wrapped
        self.warmupSteps = warmupSteps
        self.start = start
    }

    public func learningRate(at step: Int) -> Double {
        validateStepIndex(step, "Warmup")
        if step >= warmupSteps { return wrapped.learningRate(at: step - warmupSteps) }
        let target = wrapped.learningRate(at: 0)
        return start + (target - start) * Double(step + 1) / Double(warmupSteps)
    }
}
