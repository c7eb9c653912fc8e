/// Values per hour and element (unit, bus, branch, zone, neighbour …) over a stretch of hours,
/// hour-major in one contiguous array: `m[h, e]` is element `e` in hour `h` and `m[hour: h]` is
/// the whole of hour `h`. It stands where `values[h * count + e]` arithmetic stood, with the same
/// layout and cost: the subscript is that arithmetic, done in one place (the element's range is
/// checked in debug builds, as the array checks the whole index in every build).
public struct HourMatrix<Element> {
    /// Number of hours (rows).
    public private(set) var hours: Int
    /// Elements per hour (the row length).
    public let width: Int
    /// Every value, hour-major: hour `h` is `values[h * width ..< (h + 1) * width]`.
    public private(set) var values: [Element]

    /// `hours` rows of `width` elements, each `value`.
    public init(hours: Int, width: Int, repeating value: Element) {
        precondition(hours >= 0 && width >= 0, "HourMatrix: negative size \(hours) × \(width)")
        self.hours = hours
        self.width = width
        values = [Element](repeating: value, count: hours * width)
    }

    /// `hours` rows of `width` elements from hour-major `values` (`hours * width` of them).
    public init(hours: Int, width: Int, values: [Element]) {
        precondition(hours >= 0 && width >= 0 && values.count == hours * width,
                     "HourMatrix: \(values.count) values for \(hours) hours × \(width) elements")
        self.hours = hours
        self.width = width
        self.values = values
    }

    /// No hours yet, rows of `width` elements to be appended (`appendHour`).
    public init(width: Int) {
        self.init(hours: 0, width: width, values: [])
    }

    /// Element `element` in hour `hour`.
    public subscript(hour: Int, element: Int) -> Element {
        get {
            assert(element >= 0 && element < width, "HourMatrix: element \(element) outside 0..<\(width)")
            return values[hour * width + element]
        }
        _modify {
            assert(element >= 0 && element < width, "HourMatrix: element \(element) outside 0..<\(width)")
            yield &values[hour * width + element]
        }
    }

    /// The values of hour `h`, in element order (indices `h * width ..< (h + 1) * width` of `values`).
    public subscript(hour h: Int) -> ArraySlice<Element> {
        values[h * width ..< (h + 1) * width]
    }

    /// Appends one hour: `row` holds its `width` values in element order.
    public mutating func appendHour<Row: Collection>(_ row: Row) where Row.Element == Element {
        precondition(row.count == width, "HourMatrix: a row of \(row.count) values for \(width) elements")
        values.append(contentsOf: row)
        hours += 1
    }

    /// Whether there are no values (no hours, or no elements).
    public var isEmpty: Bool { values.isEmpty }
}

extension HourMatrix: Sendable where Element: Sendable {}
extension HourMatrix: Equatable where Element: Equatable {}
