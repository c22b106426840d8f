using MusicSite.Web.Components.Shared;

namespace MusicSite.Web.Hosting;

/// <summary>
/// /icons.svg: every icon of <see cref="IconSet"/> as a symbol in one SVG document, which the pages' icons use. Like
/// the files in wwwroot, a request carrying the sprite's current hash may be kept for a year, any other for five
/// minutes; it is compressed with them (image/svg+xml).
/// </summary>
public static class IconSprite
{
    public static IEndpointRouteBuilder MapIconSprite(this IEndpointRouteBuilder app)
    {
        app.MapGet(IconSet.SpritePath, GetSprite).ExcludeFromDescription();
        return app;
    }

    private static IResult GetSprite(HttpContext context)
    {
        var requested = context.Request.Query[StaticAssets.VersionParameter];
        var current = requested.Count == 1 && requested[0] == IconSet.SpriteHash;
        context.Response.Headers.CacheControl = current ? StaticAssets.ImmutableCacheControl : StaticAssets.ShortCacheControl;
        return Results.Bytes(IconSet.SpriteSvg, "image/svg+xml");
    }
}
