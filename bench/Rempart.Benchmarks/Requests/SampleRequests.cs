using System.Text;

namespace Rempart.Benchmarks.Requests;

/// <summary>
/// The requests every engine is measured on, built once and deterministically: a browser's navigation
/// headers (Chrome 130 on Windows, with analytics and session cookies), a 1 KiB urlencoded form, JSON bodies
/// of a given size, and an SQL injection in a query argument. The same data feeds the WAF and CRS so their
/// figures compare.
/// </summary>
internal static class SampleRequests
{
    public const string Host = "shop.example.com";

    public const string BrowserPath = "/products/search";

    public const string BrowserQuery = "q=running+shoes&page=2";

    public const string AttackQuery = "q=1%27%20UNION%20SELECT%20password%20FROM%20users--&page=2";

    /// <summary>15 headers as Chrome sends them on a same-origin navigation, cookies included.</summary>
    public static readonly KeyValuePair<string, string>[] BrowserHeaders =
    [
        new("Host", Host),
        new("Connection", "keep-alive"),
        new("sec-ch-ua", "\"Chromium\";v=\"130\", \"Google Chrome\";v=\"130\", \"Not?A_Brand\";v=\"99\""),
        new("sec-ch-ua-mobile", "?0"),
        new("sec-ch-ua-platform", "\"Windows\""),
        new("Upgrade-Insecure-Requests", "1"),
        new("User-Agent", "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0.0.0 Safari/537.36"),
        new("Accept", "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,image/apng,*/*;q=0.8,application/signed-exchange;v=b3;q=0.7"),
        new("Sec-Fetch-Site", "same-origin"),
        new("Sec-Fetch-Mode", "navigate"),
        new("Sec-Fetch-User", "?1"),
        new("Sec-Fetch-Dest", "document"),
        new("Referer", "https://shop.example.com/products"),
        new("Accept-Encoding", "gzip, deflate, br, zstd"),
        new("Accept-Language", "en-US,en;q=0.9,fr;q=0.8"),
        new("Cookie", "session_id=8f2c1e4b9a7d4c3e8b1f0a6d5e4c3b2a; _ga=GA1.1.1234567890.1731000000; _ga_X1Y2Z3=GS1.1.1731000000.3.1.1731000500.0.0.0; cart=3; consent=analytics%3Dtrue%26ads%3Dfalse"),
    ];

    /// <summary>A bare request as wrk sends it: one Host header.</summary>
    public static readonly KeyValuePair<string, string>[] BareHeaders = [new("Host", Host)];

    /// <summary>The browser headers of a fetch() POST with the given content type and length.</summary>
    public static KeyValuePair<string, string>[] PostHeaders(string contentType, int length)
    {
        var headers = BrowserHeaders
            .Where(h => h.Key is not ("Upgrade-Insecure-Requests" or "Sec-Fetch-User"))
            .Select(h => h.Key switch
            {
                "Sec-Fetch-Mode" => new KeyValuePair<string, string>(h.Key, "cors"),
                "Sec-Fetch-Dest" => new KeyValuePair<string, string>(h.Key, "empty"),
                "Accept" => new KeyValuePair<string, string>(h.Key, contentType.StartsWith("application/json", StringComparison.Ordinal) ? "application/json" : h.Value),
                _ => h,
            })
            .ToList();
        headers.Add(new("Origin", "https://shop.example.com"));
        headers.Add(new("Content-Type", contentType));
        headers.Add(new("Content-Length", length.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        return [.. headers];
    }

    /// <summary>A checkout-style urlencoded form of exactly <paramref name="size"/> bytes (the comment pads it).</summary>
    public static byte[] Form(int size)
    {
        var head = "first_name=Jean&last_name=Dupont&email=jean.dupont%40example.com&phone=%2B33+6+12+34+56+78"
            + "&address=12+rue+de+la+Paix&city=Paris&postcode=75002&country=FR&shipping=express&newsletter=on"
            + "&csrf_token=b7f3c9a1e5d24f6a8c0b1d2e3f4a5b6c&comment=";
        var words = "Please leave the parcel with the concierge if I am not at home, thank you very much. ";
        var sb = new StringBuilder(head);
        var i = 0;
        while (sb.Length < size)
        {
            var c = words[i++ % words.Length];
            sb.Append(c switch { ' ' => "+", ',' => "%2C", _ => c.ToString() });
        }

        sb.Length = size;
        return Encoding.ASCII.GetBytes(sb.ToString());
    }

    /// <summary>
    /// An API-style JSON document (a customer and an array of orders) of about <paramref name="size"/> bytes, never
    /// more. Text-heavy: each order carries a ~500-byte free-text description, 7 values per ~600 bytes (16 KiB: 192
    /// values; 64 KiB: 759, under ModSecurity's usual <c>SecArgumentsLimit 1000</c>). <paramref name="manySmallValues"/>
    /// gives the other shape: short fields only (16 KiB: 773 values, 1,394 with the keys).
    /// </summary>
    public static byte[] Json(int size, bool manySmallValues = false)
    {
        var sb = new StringBuilder("{\"customer\":{\"id\":48213,\"name\":\"Jean Dupont\",\"email\":\"jean.dupont@example.com\"},\"orders\":[");
        for (var i = 0; ; i++)
        {
            var item = manySmallValues
                ? $"{{\"id\":{1000 + i},\"sku\":\"SKU-{i:D5}-BLU\",\"title\":\"Trail running shoe, size {38 + (i % 10)}\","
                    + $"\"quantity\":{1 + (i % 3)},\"price\":{59.9 + i:F2},\"gift\":{(i % 2 == 0 ? "true" : "false")},"
                    + $"\"note\":\"Deliver between 9:00 and 17:00 on weekdays, ring twice.\",\"tags\":[\"sport\",\"outdoor\",\"sale\"]}}"
                : $"{{\"id\":{1000 + i},\"sku\":\"SKU-{i:D5}-BLU\",\"title\":\"Trail running shoe, size {38 + (i % 10)}\","
                    + $"\"quantity\":{1 + (i % 3)},\"price\":{59.9 + i:F2},\"gift\":{(i % 2 == 0 ? "true" : "false")},"
                    + $"\"description\":\"{Description(i)}\"}}";
            if (sb.Length + item.Length + 3 > size)
            {
                break;
            }

            if (i > 0)
            {
                sb.Append(',');
            }

            sb.Append(item);
        }

        sb.Append("]}");
        return Encoding.ASCII.GetBytes(sb.ToString());
    }

    private static string Description(int i) =>
        $"Order {i}: lightweight trail running shoe with a breathable mesh upper, a rock plate and a grippy outsole. "
        + "Customer notes: please deliver between 9:00 and 17:00 on weekdays and ring twice; if nobody answers, "
        + "leave the parcel with the neighbour at number 14 (Mrs. Martin) or at the post office on the corner. "
        + "The box may be recycled. Gift wrapping is not needed, but please add the invoice in the box so that the "
        + "return form can be filled in easily if the size does not fit.";

    /// <summary>A small HTML page of exactly <paramref name="size"/> bytes, as an origin would answer.</summary>
    public static byte[] Html(int size)
    {
        var sb = new StringBuilder("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Search results</title></head><body><ul>");
        for (var i = 0; sb.Length < size - 40; i++)
        {
            sb.Append("<li><a href=\"/products/").Append(i).Append("\">Trail shoe ").Append(i).Append("</a></li>");
        }

        sb.Append("</ul></body></html>");
        while (sb.Length < size)
        {
            sb.Append('\n');
        }

        sb.Length = size;
        return Encoding.ASCII.GetBytes(sb.ToString());
    }
}
