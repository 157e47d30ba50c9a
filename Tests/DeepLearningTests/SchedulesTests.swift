import XCTest
import TensorCore
@testable import DeepLearning

final class SchedulesTests: XCTestCase {
    func testLinearDecay() {
        let s = LinearDecay(initial: 0.1, final: 0.001, decaySteps: 100)
        XCTAssertEqual(s.learningRate(at: 0), 0.1, accuracy: 1e-15)
        XCTAssertEqual(s.learningRate(at: 50), 0.5 * 0.1 + 0.5 * 0.001, accuracy: 1e-15)
        XCTAssertEqual(s.learningRate(at: 100), 0.001, accuracy: 1e-15, "last step τ")
        XCTAssertEqual(s.learningRate(at: 101), 0.001, accuracy: 1e-15, "constant after τ")
    }

    func testStepAndExponentialDecay() {
        let step = StepDecay(initial: 1, factor: 0.5, stepSize: 10)
        XCTAssertEqual(step.learningRate(at: 0), 1)
        XCTAssertEqual(step.learningRate(at: 9), 1)
        XCTAssertEqual(step.learningRate(at: 10), 0.5)
        XCTAssertEqual(step.learningRate(at: 25), 0.25)
        let exponential = ExponentialDecay(initial: 2, rate: 0.1)
        XCTAssertEqual(exponential.learningRate(at: 0), 2)
        XCTAssertEqual(exponential.learningRate(at: 10), 2 * exp(-1.0), accuracy: 1e-15)
        XCTAssertEqual(ConstantSchedule(0.3).learningRate(at: 1000), 0.3)
    }

    func testNewBobHalvesWhenValidationStopsImproving() {
        var s = NewBob(initial: 0.8)
        XCTAssertEqual(s.record(validationError: 0.5), 0.8, "first value only sets the reference")
        XCTAssertEqual(s.record(validationError: 0.4), 0.8, "improved")
        XCTAssertEqual(s.record(validationError: 0.45), 0.4, "went up: halve")
        XCTAssertEqual(s.record(validationError: 0.3), 0.4)
        XCTAssertEqual(s.learningRate(at: 99), 0.4)
        var t = NewBob(initial: 1, threshold: 0.05)
        t.record(validationError: 1)
        XCTAssertEqual(t.record(validationError: 0.97), 0.5, "improvement 0.03 below the threshold 0.05")
        XCTAssertEqual(t.reductions, 1)
    }

    func testWarmupStepZeroPeakAndAfter() {
        let s = Warmup(warmupSteps: 5, then: StepDecay(initial: 1, factor: 0.1, stepSize: 3))
        XCTAssertEqual(s.learningRate(at: 0), 0.2, accuracy: 1e-15, "step 0 is lr·1/W, not 0")
        XCTAssertEqual(s.learningRate(at: 4), 1, accuracy: 1e-15, "step W−1 reaches the target")
        XCTAssertEqual(s.learningRate(at: 5), 1, accuracy: 1e-15, "step W is the wrapped schedule's step 0")
        XCTAssertEqual(s.learningRate(at: 8), 0.1, accuracy: 1e-15, "wrapped step 3")
        let fromStart = Warmup(warmupSteps: 4, start: 0.2, then: ConstantSchedule(1))
        XCTAssertEqual(fromStart.learningRate(at: 0), 0.4, accuracy: 1e-15)
        XCTAssertEqual(fromStart.learningRate(at: 3), 1, accuracy: 1e-15)
    }

    func testOneCycleStartPeakLastAndOnePast() {
        let s = OneCycle(maximum: 1, totalSteps: 100)
        XCTAssertEqual(s.peakStep, 29)
        XCTAssertEqual(s.learningRate(at: 0), 1.0 / 25, accuracy: 1e-15)
        XCTAssertEqual(s.learningRate(at: 29), 1, accuracy: 1e-15, "peak")
        XCTAssertLessThan(s.learningRate(at: 28), 1)
        XCTAssertLessThan(s.learningRate(at: 30), 1)
        XCTAssertEqual(s.learningRate(at: 99), 1.0 / 25 / 1e4, accuracy: 1e-15, "last step")
        XCTAssertEqual(s.learningRate(at: 100), 1.0 / 25 / 1e4, accuracy: 1e-15, "one past the end stays")
        let cosine = OneCycle(maximum: 1, totalSteps: 100, peakStep: 10, annealing: .cosine)
        XCTAssertEqual(cosine.learningRate(at: 10), 1, accuracy: 1e-15)
        XCTAssertEqual(cosine.learningRate(at: 0), 0.04, accuracy: 1e-15)
        XCTAssertEqual(cosine.learningRate(at: 99), 4e-6, accuracy: 1e-15)
    }

    func testTriangularCyclical() {
        let s = TriangularCyclical(base: 0.1, maximum: 1, halfCycle: 4)
        XCTAssertEqual(s.learningRate(at: 0), 0.1, accuracy: 1e-15)
        XCTAssertEqual(s.learningRate(at: 2), 0.55, accuracy: 1e-15)
        XCTAssertEqual(s.learningRate(at: 4), 1, accuracy: 1e-15, "peak at halfCycle")
        XCTAssertEqual(s.learningRate(at: 8), 0.1, accuracy: 1e-15, "end of the cycle")
        XCTAssertEqual(s.learningRate(at: 12), 1, accuracy: 1e-15, "next peak")
    }

    func testSnapshotEnsembleScheduleRestartsAndSnapshots() {
        var s = SnapshotEnsemble(initial: 0.2, totalSteps: 30, cycles: 3)
        XCTAssertEqual(s.cycleLength, 10)
        XCTAssertEqual(s.learningRate(at: 0), 0.2, accuracy: 1e-15)
        XCTAssertEqual(s.learningRate(at: 10), 0.2, accuracy: 1e-15, "restart")
        XCTAssertEqual(s.learningRate(at: 5), 0.1, accuracy: 1e-15)
        for step in 0..<30 { s.record(parameters: [Tensor([Double(step)])], step: step) }
        XCTAssertEqual(s.snapshots.map { $0[0][0] }, [9, 19, 29])
    }
}
