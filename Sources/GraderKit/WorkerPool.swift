import Foundation

/// The grader's one worker pool: the checks of an exercise, the students of a batch and the
/// mutants of a suite all run through it.
///
/// `width` threads of their own (a job mostly waits on a child process, so it must not hold one
/// of Dispatch's few pool threads) each take the next job; results are handed to `deliver` in
/// the jobs' order, each as soon as it and every job before it are done.
enum WorkerPool {
    static func map<Result: Sendable>(_ count: Int, width: Int,
                                      deliver: ((Result) -> Void)? = nil,
                                      _ job: @escaping @Sendable (_ index: Int, _ worker: Int) -> Result) -> [Result] {
        let workers = max(1, min(width, count))
        let state = Locked((next: 0, delivered: 0, results: [Result?](repeating: nil, count: count)))
        let done = DispatchSemaphore(value: 0)
        nonisolated(unsafe) let deliver = deliver
        for worker in 0..<workers {
            let thread = Thread {
                while true {
                    let index: Int = state.withLock { s in defer { s.next += 1 }; return s.next }
                    guard index < count else { break }
                    let result = job(index, worker)
                    state.withLock { s in
                        s.results[index] = result
                        while s.delivered < count, let ready = s.results[s.delivered] {
                            deliver?(ready)
                            s.delivered += 1
                        }
                    }
                }
                done.signal()
            }
            thread.stackSize = 1 << 20
            thread.start()
        }
        for _ in 0..<workers { done.wait() }
        return state.withLock { $0.results.map { $0! } }
    }
}
