import Foundation
import KraftReport
import Testing

@Suite("Progress bar")
struct ProgressBarTests {
    @Test("the line shows the share, the count and the time left, within 78 characters")
    func line() {
        let s = ProgressBar.line(done: 2190, total: 8760, label: "hours", elapsed: 10)
        #expect(s == "[######..................]  25 %  2190/8760 hours  30 s left")
        #expect(ProgressBar.line(done: 8760, total: 8760, label: "hours", elapsed: 40) == "[########################] 100 %  8760/8760 hours")
        #expect(ProgressBar.line(done: 1, total: 3, label: String(repeating: "x", count: 100), elapsed: 1).count == 78)
    }

    @Test("nothing is drawn when disabled or during the first second")
    func quiet() {
        final class Sink: @unchecked Sendable { var text = "" }
        let sink = Sink()
        let off = ProgressBar(total: 10, label: "x", enabled: false) { sink.text += $0 }
        for _ in 0..<10 { off.advance() }
        off.finish()
        let early = ProgressBar(total: 10, label: "x", enabled: true) { sink.text += $0 }
        early.advance()
        early.finish()
        #expect(sink.text.isEmpty)
    }
}
