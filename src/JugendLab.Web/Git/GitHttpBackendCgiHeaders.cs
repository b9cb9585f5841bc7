using System.Globalization;
using System.Text;

namespace JugendLab.Web.Git;

/// <summary>The header block a CGI program writes before its body: the status and the other headers, in order.</summary>
/// <remarks>
/// CGI allows <c>Status:</c> anywhere in the block, lines ending in LF or CRLF, and the same header more than once;
/// git http-backend uses all three.
/// </remarks>
internal sealed record GitHttpBackendCgiHeaders(int StatusCode, IReadOnlyList<KeyValuePair<string, string>> Headers)
{
    /// <summary>More than this without the blank line that ends the block means the program is not speaking CGI.</summary>
    public const int MaxLength = 64 * 1024;

    /// <summary>The index of the first body byte, just after the blank line ending the headers; -1 while incomplete.</summary>
    public static int FindBodyStart(ReadOnlySpan<byte> output)
    {
        for (var i = output.IndexOf((byte)'\n'); i >= 0 && i < output.Length; i++)
        {
            if (output[i] != '\n')
            {
                continue;
            }

            if (i + 1 < output.Length && output[i + 1] == '\n')
            {
                return i + 2;
            }

            if (i + 2 < output.Length && output[i + 1] == '\r' && output[i + 2] == '\n')
            {
                return i + 3;
            }
        }

        return -1;
    }

    /// <summary>Parses the header block (without the blank line); the status is 200 unless a <c>Status:</c> line says otherwise.</summary>
    public static GitHttpBackendCgiHeaders Parse(ReadOnlySpan<byte> block)
    {
        var statusCode = 200;
        var headers = new List<KeyValuePair<string, string>>();
        foreach (var rawLine in Encoding.Latin1.GetString(block).Split('\n'))
        {
            var line = rawLine.TrimEnd('\r');
            var colon = line.IndexOf(':');
            if (colon <= 0)
            {
                continue;
            }

            var name = line[..colon].Trim();
            var value = line[(colon + 1)..].Trim();
            if (name.Equals("Status", StringComparison.OrdinalIgnoreCase))
            {
                statusCode = ParseStatus(value) ?? statusCode;
            }
            else
            {
                headers.Add(new(name, value));
            }
        }

        return new GitHttpBackendCgiHeaders(statusCode, headers);
    }

    // "404 Not Found" → 404.
    private static int? ParseStatus(string value)
    {
        var digits = value.Split(' ', 2)[0];
        return int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var code) && code is >= 100 and <= 999
            ? code
            : null;
    }
}
