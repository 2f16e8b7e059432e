import Foundation
import Testing
import TextpipeCore
@testable import TextpipeCustom

/// The `command` stage through the executor, with small shell and Python children that behave
/// well and badly. Each case is a child program, the texts it gets, and what must come out.
struct CommandStageTests {
    let base = temporaryDirectory()

    /// Writes `body` to a file in the test folder and returns its name.
    func file(_ name: String, _ body: String) throws -> String {
        try Data(body.utf8).write(to: base.appendingPathComponent(name))
        return name
    }

    func pipeline(_ options: String, run: String = "{ workers: 2 }") throws -> Pipeline {
        try loadPipeline("  - text\n  - command: \(options)\n", base: base, run: run)
    }

    /// Python that answers with what `answer(d)` returns for each record `d`.
    func python(_ answer: String) throws -> String {
        try file("child.py", """
            import json, os, sys
            def answer(d):
            \(answer.split(separator: "\n").map { "    " + $0 }.joined(separator: "\n"))
            for line in sys.stdin:
                print(json.dumps(answer(json.loads(line))))
            """)
    }

    /// (shell child, options besides run, a fragment every failure message must contain,
    /// the failure kind)
    static let badChildren: [(String, String, String, String)] = [
        ("read l; exit 3", "", "exited with status 3 before answering; it will be restarted", "crashed"),
        ("read l; echo 'ValueError: no title' >&2; exit 1", "", "(its last words on standard error: ValueError: no title)", "crashed"),
        ("read l; kill -9 $$", "", "was killed by signal 9 before answering", "crashed"),
        ("read l; sleep 30", "timeout: 300ms, start_timeout: 0s", "gave no answer within 300ms; it was killed and will be restarted", "timeout"),
        ("while read l; do echo hello; done", "", "answered with a line that is not JSON", "bad_output"),
        ("while read l; do echo '[1, 2]'; done", "", "answered with '[1, 2]', not a JSON object", "bad_output"),
        ("while read l; do echo '{\"id\": \"other\"}'; done", "", "answered for document \"other\" when given", "bad_output"),
        ("while read l; do printf '{}\\n{}\\n'; done", "", "wrote more than one line for one document", "bad_output"),
        ("while read l; do echo '{\"error\": \"no language model for xx\"}'; done", "", "sh child.sh: no language model for xx", "command"),
        ("while read l; do echo '{\"entities\": [{\"start\": 0, \"end\": 3, \"type\": \"X\", \"text\": \"abc\"}]}'; done", "changes: [entities]", "whose text 'abc' is not the text there", "bad_output"),
        ("while read l; do echo '{\"entities\": [{\"start\": 0, \"end\": 99, \"type\": \"X\"}]}'; done", "changes: [entities]", "answered with fields textpipe cannot read", "bad_output"),
        ("while read l; do echo '{\"meta\": {\"title\": \"Changed\"}}'; done", "changes: [custom.x]", "changed 'meta.title', which is not among the fields it may change (it declares changes: [custom.x])", "undeclared_change"),
        ("while read l; do echo '{\"custom\": {\"y\": 1}}'; done", "changes: [custom.x]", "changed 'custom.y'", "undeclared_change"),
    ]

    @Test(arguments: badChildren)
    func badChildFailsTheDocumentClearly(child: String, options: String, message: String, kind: String) throws {
        let script = try file("child.sh", child)
        let p = try pipeline("{ run: [sh, \(script)]\(options.isEmpty ? "" : ", " + options) }")
        let records = try run(p, texts: ["Hello there.", "Another one."]).records
        for record in records {
            #expect(record["failed"]?.stringValue == kind, "\(record.jsonString)")
            #expect(record["message"]?.stringValue?.contains(message) == true, "\(record.jsonString)")
        }
    }

    /// (Python answer, changes, texts, what the record must hold)
    static let goodChildren: [(String, String, String, @Sendable (JSONValue) -> Bool)] = [
        ("return d", "[]", "Hello Paris.", { $0["text"]?.stringValue == "Hello Paris." && $0["custom"] == nil }),
        ("i = d['text'].find('Paris')\nreturn {'entities': [{'start': i, 'end': i + 5, 'type': 'LOC', 'text': 'Paris'}], 'custom': {'n': len(d['text'])}}",
         "[entities, custom.n]", "Où est Paris ✓?", { $0["entities"]?.arrayValue?.first?["start"]?.intValue == 7 && $0["custom"]?["n"]?.intValue == 15 }),
        ("d['meta']['title'] = d['text'].upper()\nreturn d", "[meta.title]", "Hello.", { $0["meta"]?["title"]?.stringValue == "HELLO." }),
        ("return {'drop': 'too polite'} if 'please' in d['text'] else {}", "[]", "please go", { $0["dropped"]?.stringValue == "too polite" }),
        ("return {'text': d['text'].strip()}", "[text]", "  padded  ", { $0["text"]?.stringValue == "padded" && $0["paragraphs"]?.arrayValue == [] }),
        ("return {'custom': {'x': 1}}", "[custom]", "x", { $0["custom"]?["x"]?.intValue == 1 }),
        ("return {'custom': {'gone': None}, 'stats': {'chars': -1}}", "[custom.gone]", "x", { $0["custom"] == nil && $0["stats"]?["chars"]?.intValue == 1 }),
    ]

    @Test(arguments: goodChildren)
    func goodChildChangesWhatItDeclares(answer: String, changes: String, text: String, check: @Sendable (JSONValue) -> Bool) throws {
        let script = try python(answer)
        let p = try pipeline("{ run: [python3, \(script)], changes: \(changes) }")
        let record = try run(p, texts: [text]).records[0]
        #expect(check(record), "\(record.jsonString)")
    }

    @Test func crashedChildIsRestartedAndTheBatchGoesOn() throws {
        let script = try python("if 'crash' in d['text']:\n    sys.exit(1)\nreturn {}")
        let p = try pipeline("{ run: [python3, \(script)], workers: 2 }")
        let texts = ["a", "crash 1", "b", "c", "crash 2", "d", "e"]
        let records = try run(p, texts: texts).records
        #expect(records.map { $0["failed"]?.stringValue ?? "ok" } == texts.map { $0.hasPrefix("crash") ? "crashed" : "ok" })
    }

    @Test func commandThatCannotStartIsGivenUpAfterFiveTries() throws {
        let script = try file("child.sh", "echo 'SyntaxError: invalid syntax' >&2; exit 1")
        let p = try pipeline("{ run: [sh, \(script)] }", run: "{ workers: 1 }")
        let records = try run(p, texts: (0..<8).map { "doc \($0)" }).records
        let messages = records.map { $0["message"]?.stringValue ?? "" }
        #expect(messages.prefix(5).allSatisfy { $0.contains("exited with status 1") && $0.contains("SyntaxError") })
        #expect(messages.dropFirst(5).allSatisfy { $0.contains("failed 5 times in a row before answering any document") })
    }

    @Test func childrenGetACleanEnvironmentAndFolder() throws {
        setenv("TEXTPIPE_TEST_SECRET", "s3cret", 1)
        setenv("TEXTPIPE_TEST_PASSED", "yes", 1)
        let script = try python("return {'custom': {'env': sorted(os.environ), 'cwd': os.getcwd(), 'passed': os.environ.get('TEXTPIPE_TEST_PASSED'), 'model': os.environ.get('MODEL')}}")
        // The interpreter itself, not a version manager's wrapper script that adds variables.
        let p = try pipeline("{ run: [\(try Self.pythonExecutable()), \(script)], changes: [custom], pass_env: [TEXTPIPE_TEST_PASSED], env: { MODEL: small } }")
        let custom = try #require(try run(p, texts: ["x"]).records[0]["custom"])
        let names = Set(custom["env"]?.arrayValue?.compactMap(\.stringValue) ?? [])
        let expected: Set<String> = ["PATH", "HOME", "LANG", "LC_ALL", "PYTHONIOENCODING", "PYTHONUNBUFFERED", "TEXTPIPE_VERSION",
                                     "TEXTPIPE_STAGE", "TEXTPIPE_CHILD", "TEXTPIPE_TEST_PASSED", "MODEL"]
        // TMPDIR and TZ pass only when set; Python itself may add LC_CTYPE.
        #expect(names.subtracting(["TMPDIR", "TZ", "LC_CTYPE"]) == expected.filter { $0 != "HOME" || ProcessInfo.processInfo.environment["HOME"] != nil })
        #expect(!names.contains("TEXTPIPE_TEST_SECRET"))
        #expect(custom["passed"]?.stringValue == "yes")
        #expect(custom["model"]?.stringValue == "small")
        #expect(URL(fileURLWithPath: custom["cwd"]!.stringValue!).resolvingSymlinksInPath().path == base.resolvingSymlinksInPath().path)
    }

    static func pythonExecutable() throws -> String {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["python3", "-c", "import sys; print(sys.executable)"]
        let out = Pipe()
        p.standardOutput = out
        try p.run()
        p.waitUntilExit()
        return String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    @Test func allChildrenEndWhenTheRunEndsEvenStubbornOnes() throws {
        // This child ignores SIGTERM and the end of its input.
        let script = try python("import signal, time\nsignal.signal(signal.SIGTERM, signal.SIG_IGN)\nreturn {'custom': {'pid': os.getpid()}}")
        try Data("""
            import atexit, time
            atexit.register(lambda: time.sleep(60))
            """.utf8).write(to: base.appendingPathComponent("stubborn.py"))
        let p = try pipeline("{ run: [python3, -c, 'import stubborn; exec(open(\"\(script)\").read())'], changes: [custom.pid], workers: 2 }")
        let pids = try run(p, texts: (0..<6).map { "d\($0)" }).records.compactMap { $0["custom"]?["pid"]?.intValue }
        #expect(!pids.isEmpty)
        for pid in Set(pids) {
            #expect(kill(pid_t(pid), 0) != 0 && errno == ESRCH, "child \(pid) is still there")
        }
    }
}
