// Reused packing buffers for the GEMM engine. A product's packed panels can be hundreds of
// kilobytes; allocating them afresh on every call (the convolution makes three calls per example)
// goes to `mmap` above glibc's threshold and pays a page fault per 4 KiB page each time.

import Foundation

extension Gemm {
    /// A few buffers handed out to one product at a time and taken back after it, so that
    /// repeated products reuse memory that is already mapped. Not a setting: no result depends
    /// on which buffer a product gets.
    final class ScratchPool: @unchecked Sendable {
        private var free: [(pointer: UnsafeMutableRawPointer, bytes: Int)] = []
        private let lock = NSLock()
        /// Buffers kept for reuse; more than this at once are freed when returned.
        private let keep = 16

        static let shared = ScratchPool()

        /// A buffer of at least `bytes` bytes, 64-byte aligned, for the caller alone until `give`.
        func take(bytes: Int) -> (pointer: UnsafeMutableRawPointer, bytes: Int) {
            lock.lock()
            if let i = free.indices.filter({ free[$0].bytes >= bytes }).min(by: { free[$0].bytes < free[$1].bytes }) {
                let buffer = free.remove(at: i)
                lock.unlock()
                return buffer
            }
            lock.unlock()
            let size = max(bytes, 4096)
            return (UnsafeMutableRawPointer.allocate(byteCount: size, alignment: 64), size)
        }

        /// Returns a buffer from `take`.
        func give(_ buffer: (pointer: UnsafeMutableRawPointer, bytes: Int)) {
            lock.lock()
            if free.count < keep {
                free.append(buffer)
                lock.unlock()
            } else {
                // Keep the larger ones: drop the smallest.
                let i = free.indices.min(by: { free[$0].bytes < free[$1].bytes })!
                let dropped = free[i].bytes < buffer.bytes ? free[i] : buffer
                if dropped.pointer != buffer.pointer { free[i] = buffer }
                lock.unlock()
                dropped.pointer.deallocate()
            }
        }
    }
}
