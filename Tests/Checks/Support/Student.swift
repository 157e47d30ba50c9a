import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Calls the student's code and hands its result to the check.
///
/// Every call into the exercise module goes through `student { … }`; everything else in a
/// check is the check's own code. A check runs twice, in two processes:
///
/// - in the **graded** process, linked with the student's library, `student` runs `body` and
///   writes what it returned to the observation stream; expectations do nothing there, and
///   expected values (the helpers take them as autoclosures) are never computed;
/// - in the **verifying** process, linked with the pristine stub and never with the student's
///   code, `student` does not run `body`: it reads the next recorded value instead, and the
///   expectations decide the verdict.
///
/// So the graded process never holds what decides a result, and a forged stream can only pass
/// by holding the right answers. Return everything the check needs from one call
/// (`student { let layer = Ex6.Conv(...); return (layer.forward(x), layer.backward(dy)) }`):
/// objects of the student's types never leave the closure.
public func student<each Value: Recordable>(fileID: String = #fileID, line: Int = #line,
                                            _ body: () -> (repeat each Value)) -> (repeat each Value) {
    switch CheckSession.mode {
    case .direct:
        return body()
    case .record:
        let values = body()
        var writer = RecordWriter()
        func add<V: Recordable>(_ value: V) { value.record(into: &writer) }
        repeat add(each values)
        CheckSession.writeObservation(fileID: fileID, line: line, payload: writer.bytes)
        return values
    case .replay:
        var reader = CheckSession.nextObservation(fileID: fileID, line: line)
        func read<V: Recordable>(_ type: V.Type) -> V {
            do { return try V.replay(from: &reader) } catch {
                CheckSession.stop(.malformed("the value recorded at \(fileID):\(line) cannot be read (\(error)); does your code write to the grader's descriptors?"))
            }
        }
        let values = (repeat read((each Value).self))
        if !reader.isAtEnd { CheckSession.stop(.malformed("the value recorded at \(fileID):\(line) has extra bytes")) }
        return values
    }
}

/// `student { try … }` for code that may throw: the error (its type and description) is recorded
/// like a value, so a check can say which error was expected.
public func studentResult<Value: Recordable>(fileID: String = #fileID, line: Int = #line,
                                             _ body: () throws -> Value) -> Result<Value, StudentError> {
    student(fileID: fileID, line: line) { () -> Result<Value, StudentError> in
        do { return .success(try body()) } catch { return .failure(StudentError(error)) }
    }
}

/// The state of the check running in this process: which side it is on, and its stream.
public enum CheckSession {
    public enum Mode: Sendable { case direct, record, replay }

    /// Why the verifying side could not finish the check.
    public enum Stop: Sendable {
        /// The graded process recorded fewer values than the check asks for: it crashed, hung,
        /// exited or was stopped inside the call at `at`.
        case streamEnded(at: String)
        /// A recorded value is not what the check expected there.
        case malformed(String)
    }

    nonisolated(unsafe) public private(set) static var mode: Mode = .direct
    nonisolated(unsafe) static var recordDescriptor: Int32 = -1
    nonisolated(unsafe) static var replayFrames: [ObservationFrame] = []
    nonisolated(unsafe) static var replayNext = 0
    nonisolated(unsafe) static var onStop: ((Stop) -> Never)?

    /// How many recorded values the verifying side has used so far.
    public static var observationsUsed: Int { replayNext }

    static func beginRecording(descriptor: Int32) {
        mode = .record
        recordDescriptor = descriptor
    }

    static func beginReplay(frames: [ObservationFrame], onStop: @escaping (Stop) -> Never) {
        mode = .replay
        replayFrames = frames
        replayNext = 0
        self.onStop = onStop
    }

    static func stop(_ reason: Stop) -> Never {
        if let onStop { onStop(reason) }
        fatalError("check stopped: \(reason)")
    }

    static func writeObservation(fileID: String, line: Int, payload: [UInt8]) {
        var header = RecordWriter()
        header.write(fileID)
        header.write(line)
        writeFrame(.observation, header.bytes + payload)
    }

    /// Marks the end of one run of the check (the graded process runs it twice).
    static func writeRunEnd() { writeFrame(.runEnd, []) }

    static func writeFrame(_ kind: ObservationFrame.Kind, _ payload: [UInt8]) {
        guard recordDescriptor >= 0 else { return }
        var frame = ObservationFrame.magic
        frame.append(kind.rawValue)
        var length = RecordWriter()
        length.write(payload.count)
        frame += length.bytes + payload
        frame.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let written = write(recordDescriptor, buffer.baseAddress! + offset, buffer.count - offset)
                if written <= 0 { exit(75) }   // the grader stopped reading: nothing more counts
                offset += written
            }
        }
    }

    /// The next value recorded at this call site. The graded process makes every call the
    /// verifying one makes, in the same order, and perhaps more (its expectations never stop a
    /// check early), so the values this side asks for are a subsequence of the stream: values
    /// recorded by calls this side skipped (after a failed `guard`, in a parameterized test's
    /// earlier case) are passed over.
    static func nextObservation(fileID: String, line: Int) -> RecordReader {
        while replayNext < replayFrames.count {
            let frame = replayFrames[replayNext]
            replayNext += 1
            var reader = RecordReader(frame.payload)
            guard let recordedFile = try? reader.readString(), let recordedLine = try? reader.readInt() else {
                stop(.malformed("a value recorded by your code cannot be read; does your code write to the grader's descriptors?"))
            }
            if recordedFile == fileID && recordedLine == line { return reader }
        }
        stop(.streamEnded(at: "\(fileID):\(line)"))
    }
}

/// One frame of the observation stream: `"OBS1"`, a kind byte, a little-endian length, the payload.
struct ObservationFrame: Equatable {
    enum Kind: UInt8 { case observation = 1, runEnd = 2 }
    static let magic: [UInt8] = Array("OBS1".utf8)

    var kind: Kind
    var payload: [UInt8]

    /// The frames of a stream, up to the first byte that does not parse (a truncated or
    /// tampered tail is ignored: what it held never reaches a check).
    static func parse(_ bytes: [UInt8]) -> (frames: [ObservationFrame], clean: Bool) {
        var frames: [ObservationFrame] = []
        var offset = 0
        while offset < bytes.count {
            guard bytes.count - offset >= 13, Array(bytes[offset..<(offset + 4)]) == magic,
                  let kind = Kind(rawValue: bytes[offset + 4]) else { return (frames, false) }
            var reader = RecordReader(bytes, from: offset + 5)
            guard let length = try? reader.readInt(), length >= 0, length <= bytes.count - offset - 13 else { return (frames, false) }
            let start = offset + 13
            frames.append(ObservationFrame(kind: kind, payload: Array(bytes[start..<(start + length)])))
            offset = start + length
        }
        return (frames, true)
    }

    /// The frames split into runs: each run is the observations before a run-end frame; a last
    /// run without its end frame is returned as `unfinished`.
    static func runs(_ frames: [ObservationFrame]) -> (finished: [[ObservationFrame]], unfinished: [ObservationFrame]) {
        var finished: [[ObservationFrame]] = []
        var current: [ObservationFrame] = []
        for frame in frames {
            if frame.kind == .runEnd { finished.append(current); current = [] } else { current.append(frame) }
        }
        return (finished, current)
    }
}
