import Foundation
import GraderKit

// `swift run grade …`: see GradeCommand.usage, or run `swift run grade help`.
setvbuf(stdout, nil, _IOLBF, 0)
let status = GradeCommand(arguments: Array(CommandLine.arguments.dropFirst())).run()
exit(status)
