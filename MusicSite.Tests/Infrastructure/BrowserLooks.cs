using Microsoft.Playwright;

namespace MusicSite.Tests.Infrastructure;

/// <summary>The screens the browser tests look at the site on.</summary>
public enum Viewport
{
    /// <summary>A laptop: 1366×900.</summary>
    Desktop,

    /// <summary>A phone: 390×844, a touch screen with the mobile viewport meta honoured.</summary>
    Phone,
}

/// <summary>
/// Each viewport in each colour scheme, for theories that must hold on every screen:
/// <c>[MemberData(nameof(BrowserLooks.All), MemberType = typeof(BrowserLooks))]</c> on a test taking
/// <c>(Viewport viewport, ColorScheme scheme)</c>, which opens its page with <see cref="BrowserFixture.NewPageAsync(Viewport, ColorScheme, bool)"/>.
/// </summary>
public static class BrowserLooks
{
    public static TheoryData<Viewport, ColorScheme> All => new()
    {
        { Viewport.Desktop, ColorScheme.Light },
        { Viewport.Desktop, ColorScheme.Dark },
        { Viewport.Phone, ColorScheme.Light },
        { Viewport.Phone, ColorScheme.Dark },
    };

    /// <summary>Both colour schemes at one viewport, for a theory on a single screen size.</summary>
    public static TheoryData<ColorScheme> Schemes => new() { ColorScheme.Light, ColorScheme.Dark };

    public static ViewportSize Size(this Viewport viewport) => viewport switch
    {
        Viewport.Phone => new ViewportSize { Width = 390, Height = 844 },
        _ => new ViewportSize { Width = 1366, Height = 900 },
    };

    /// <summary>Context options for a page at <paramref name="viewport"/> in <paramref name="scheme"/>.</summary>
    public static BrowserNewContextOptions Options(Viewport viewport, ColorScheme scheme) => new()
    {
        ViewportSize = viewport.Size(),
        IsMobile = viewport == Viewport.Phone,
        HasTouch = viewport == Viewport.Phone,
        DeviceScaleFactor = 1,
        ColorScheme = scheme,
    };
}
