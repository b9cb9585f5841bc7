using QRCoder;

namespace JugendLab.Web.Pages.Betreuung;

/// <summary>An invite's link as a QR code: inline SVG that scales with the page and prints sharp (QRCoder, no images to serve).</summary>
public static class InviteQr
{
    public static string Svg(string url)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(url, QRCodeGenerator.ECCLevel.M);
        var svg = new SvgQRCode(data).GetGraphic(8, "#000000", "#ffffff", drawQuietZones: true, SvgQRCode.SizingMode.ViewBoxAttribute);
        // Drop the XML declaration: the SVG goes inline into the page.
        return svg[svg.IndexOf("<svg", StringComparison.Ordinal)..];
    }
}
