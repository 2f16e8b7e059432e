import Foundation
import TextpipeGzip

/// Just enough of PNG to read a browser's screenshot: 8-bit RGB or RGBA, not interlaced, the
/// five scanline filters. Pixels come out as RGBA.
struct PNGImage {
    let width: Int
    let height: Int
    /// RGBA, row by row.
    let pixels: [UInt8]

    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    init(data: Data) throws {
        let b = [UInt8](data)
        guard b.count > 8, b[0..<8].elementsEqual([137, 80, 78, 71, 13, 10, 26, 10]) else { throw Failure(description: "not a PNG") }
        func u32(_ i: Int) -> Int { Int(b[i]) << 24 | Int(b[i + 1]) << 16 | Int(b[i + 2]) << 8 | Int(b[i + 3]) }
        var i = 8
        var w = 0, h = 0, colorType = 0
        var idat: [UInt8] = []
        while i + 8 <= b.count {
            let length = u32(i)
            let type = String(decoding: b[i + 4..<i + 8], as: UTF8.self)
            let body = i + 8
            guard body + length <= b.count else { throw Failure(description: "truncated chunk \(type)") }
            switch type {
            case "IHDR":
                w = u32(body)
                h = u32(body + 4)
                colorType = Int(b[body + 9])
                guard b[body + 8] == 8, colorType == 2 || colorType == 6, b[body + 12] == 0 else {
                    throw Failure(description: "unsupported PNG (depth \(b[body + 8]), colour type \(colorType), interlace \(b[body + 12]))")
                }
            case "IDAT":
                idat += b[body..<body + length]
            default:
                break
            }
            i = body + length + 4  // skip the CRC
            if type == "IEND" { break }
        }
        let channels = colorType == 6 ? 4 : 3
        let stride = w * channels
        let raw = try Gzip.decompress(idat, limit: (stride + 1) * h + 16)
        guard raw.count >= (stride + 1) * h else { throw Failure(description: "image data too short") }
        var out = [UInt8](repeating: 255, count: w * h * 4)
        var previous = [UInt8](repeating: 0, count: stride)
        var line = [UInt8](repeating: 0, count: stride)
        for y in 0..<h {
            let row = y * (stride + 1)
            let filter = raw[row]
            for x in 0..<stride {
                let v = raw[row + 1 + x]
                let a = x >= channels ? Int(line[x - channels]) : 0
                let up = Int(previous[x])
                let c = x >= channels ? Int(previous[x - channels]) : 0
                let predicted: Int
                switch filter {
                case 0: predicted = 0
                case 1: predicted = a
                case 2: predicted = up
                case 3: predicted = (a + up) / 2
                case 4:
                    let p = a + up - c
                    let (pa, pb, pc) = (abs(p - a), abs(p - up), abs(p - c))
                    predicted = pa <= pb && pa <= pc ? a : pb <= pc ? up : c
                default: throw Failure(description: "bad filter \(filter) in row \(y)")
                }
                line[x] = UInt8(truncatingIfNeeded: Int(v) + predicted)
            }
            for x in 0..<w {
                for k in 0..<channels { out[(y * w + x) * 4 + k] = line[x * channels + k] }
            }
            swap(&previous, &line)
        }
        width = w
        height = h
        pixels = out
    }

    func rgb(_ x: Int, _ y: Int) -> (Int, Int, Int) {
        let o = (y * width + x) * 4
        return (Int(pixels[o]), Int(pixels[o + 1]), Int(pixels[o + 2]))
    }
}
