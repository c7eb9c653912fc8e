/// Trimming for the small line-based readers (slack weights, load factors).
extension Substring {
    func trimming(_ set: String) -> String {
        var s = self[...]
        while let c = s.first, set.contains(c) { s.removeFirst() }
        while let c = s.last, set.contains(c) { s.removeLast() }
        return String(s)
    }
}
