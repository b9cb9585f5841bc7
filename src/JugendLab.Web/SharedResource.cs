namespace JugendLab.Web;

/// <summary>Names the web app's texts: Resources/SharedResource.resx (German) and SharedResource.en.resx (English).</summary>
public sealed class SharedResource;
