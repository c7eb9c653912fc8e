import Foundation
import KraftIO

/// A parsed JSON value, decoded strictly (a number is never read as a boolean or vice versa).
enum JSONValue: Decodable {
    case null, bool(Bool), number(Double), string(String), array([JSONValue]), object([String: JSONValue])

    init(from decoder: Decoder) throws {
        let c = try decoder.singleValueContainer()
        if c.decodeNil() { self = .null }
        else if let b = try? c.decode(Bool.self) { self = .bool(b) }
        else if let x = try? c.decode(Double.self) { self = .number(x) }
        else if let s = try? c.decode(String.self) { self = .string(s) }
        else if let a = try? c.decode([JSONValue].self) { self = .array(a) }
        else { self = .object(try c.decode([String: JSONValue].self)) }
    }
}

/// A JSON object of a result file read field by field: each accessor throws an `InputError`
/// naming the file and the key path (`summary.json: zones.SE3.load_twh: is missing (expected a
/// number)`) instead of yielding a default.
struct JSONFields {
    let file: String
    let path: String
    let object: [String: JSONValue]

    init(_ object: [String: JSONValue], file: String, path: String = "") {
        self.object = object
        self.file = file
        self.path = path
    }

    /// Parses a whole file whose top level must be an object.
    init(data: Data, file: String) throws(InputError) {
        let value: JSONValue
        do { value = try JSONDecoder().decode(JSONValue.self, from: data) } catch {
            throw InputError(file: file, line: nil, message: "is not valid JSON")
        }
        guard case .object(let object) = value else {
            throw InputError(file: file, line: nil, message: "is not a JSON object")
        }
        self.init(object, file: file)
    }

    func keyPath(_ key: String) -> String { path.isEmpty ? key : "\(path).\(key)" }

    func error(_ key: String, _ message: String) -> InputError {
        InputError(file: file, line: nil, message: "\(keyPath(key)): \(message)")
    }

    var keys: [String] { object.keys.sorted() }

    func has(_ key: String) -> Bool {
        switch object[key] { case nil, .null?: false; default: true }
    }

    private func value(_ key: String, expected: String) throws(InputError) -> JSONValue {
        guard let v = object[key] else { throw error(key, "is missing (expected \(expected))") }
        return v
    }

    func string(_ key: String) throws(InputError) -> String {
        guard case .string(let s) = try value(key, expected: "a string") else { throw error(key, "is not a string") }
        return s
    }

    func optionalString(_ key: String) throws(InputError) -> String? {
        guard has(key) else { return nil }
        return try string(key)
    }

    func bool(_ key: String) throws(InputError) -> Bool {
        guard case .bool(let b) = try value(key, expected: "true or false") else { throw error(key, "is not true or false") }
        return b
    }

    func number(_ key: String) throws(InputError) -> Double {
        guard case .number(let x) = try value(key, expected: "a number"), x.isFinite else { throw error(key, "is not a finite number") }
        return x
    }

    func optionalNumber(_ key: String) throws(InputError) -> Double? {
        guard has(key) else { return nil }
        return try number(key)
    }

    func object(_ key: String) throws(InputError) -> JSONFields {
        guard case .object(let o) = try value(key, expected: "an object") else { throw error(key, "is not an object") }
        return JSONFields(o, file: file, path: keyPath(key))
    }

    func objects(_ key: String) throws(InputError) -> [JSONFields] {
        guard case .array(let a) = try value(key, expected: "an array") else { throw error(key, "is not an array") }
        var out = [JSONFields]()
        for (k, item) in a.enumerated() {
            guard case .object(let o) = item else { throw error("\(key)[\(k)]", "is not an object") }
            out.append(JSONFields(o, file: file, path: keyPath("\(key)[\(k)]")))
        }
        return out
    }

    func strings(_ key: String) throws(InputError) -> [String] {
        guard case .array(let a) = try value(key, expected: "an array of strings") else { throw error(key, "is not an array") }
        var out = [String]()
        for (k, item) in a.enumerated() {
            guard case .string(let s) = item else { throw error("\(key)[\(k)]", "is not a string") }
            out.append(s)
        }
        return out
    }
}
