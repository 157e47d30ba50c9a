import Foundation
#if canImport(GraderKit)
import GraderKit

// `swift run grade …`: see GradeCommand.usage, or run `swift run grade help`.
setvbuf(stdout, nil, _IOLBF, 0)
let status = GradeCommand(arguments: Array(CommandLine.arguments.dropFirst())).run()
exit(status)
#else
// Windows: the grader needs POSIX processes, which it does not have there.
print("grade does not run on Windows: open the course in its devcontainer (Docker Desktop and VS Code, README: Editors) or in WSL 2 with Swift for Linux, and run the same commands there.")
exit(2)
#endif
