using System.Text;
using Microsoft.AspNetCore.Routing.Patterns;

namespace MusicSite.Tests.Infrastructure;

/// <summary>Addresses made from the site's own route patterns, for tests that walk the endpoint data source.</summary>
public static class RoutePaths
{
    /// <summary>The pattern's path with each parameter replaced by <paramref name="value"/>'s answer for it.</summary>
    public static string Fill(RoutePattern pattern, Func<RoutePatternParameterPart, string> value)
    {
        var path = new StringBuilder();
        foreach (var segment in pattern.PathSegments)
        {
            path.Append('/');
            foreach (var part in segment.Parts)
            {
                path.Append(part switch
                {
                    RoutePatternLiteralPart literal => literal.Content,
                    RoutePatternSeparatorPart separator => separator.Content,
                    RoutePatternParameterPart parameter => value(parameter),
                    _ => "",
                });
            }
        }
        return path.Length == 0 ? "/" : path.ToString();
    }
}
