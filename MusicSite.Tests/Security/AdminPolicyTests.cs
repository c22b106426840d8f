using System.Net.Http.Headers;
using System.Text;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.Extensions.DependencyInjection;
using MusicSite.Tests.Infrastructure;
using MusicSite.Web.Auth;

namespace MusicSite.Tests.Security;

/// <summary>
/// Every endpoint that carries the Admin policy, wherever its route lives, read from the site's EndpointDataSource (so
/// a new admin page or API is checked without anyone adding it here): 403 for a signed-in listener and artist (cookie
/// and bearer), and for anonymous visitors a 401 (API) or the login redirect (pages). And nothing under /admin or
/// /api/admin goes without the policy.
/// </summary>
public sealed class AdminPolicyTests : IDisposable
{
    private readonly MusicSiteFactory _site = new MusicSiteFactory().WithAdmin();

    public void Dispose() => _site.Dispose();

    private sealed record AdminEndpoint(string Method, string Path, bool IsApi, bool HasParameters);

    [Fact]
    public void EveryAdminAddress_CarriesTheAdminPolicy()
    {
        var unguarded = Routes()
            .Where(e => IsAdminAddress(e.RoutePattern.RawText!) && !HasAdminPolicy(e))
            .Select(e => e.RoutePattern.RawText).ToList();

        Assert.True(unguarded.Count == 0, "Admin addresses without the Admin policy: " + string.Join(", ", unguarded));
    }

    [Fact]
    public async Task EveryAdminEndpoint_Is403ToOthers_AndAsksAnonymousToSignIn()
    {
        var endpoints = AdminEndpoints();
        // The areas built before the admin dashboard are among them: genre and blog writes, their pages, reprocessing.
        Assert.Contains(endpoints, e => e.Path == "/api/genres" && e.Method == "POST");
        Assert.Contains(endpoints, e => e.Path.StartsWith("/admin/genres", StringComparison.Ordinal));
        Assert.Contains(endpoints, e => e.Path.EndsWith("/reprocess", StringComparison.Ordinal));

        var anonymous = _site.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var listenerCookie = await _site.CookieClientAsync("Listener");
        var artistCookie = await _site.CookieClientAsync("Artist");
        var listenerBearer = await _site.SignedInClientAsync($"listener-{Guid.NewGuid():N}@example.com");
        var artistBearer = await _site.ArtistClientAsync();
        var failures = new List<string>();

        foreach (var endpoint in endpoints)
        {
            var answer = await SendAsync(anonymous, endpoint);
            var location = answer.Headers.Location?.OriginalString ?? "";
            var askedToSignIn = endpoint.IsApi
                ? answer.StatusCode == System.Net.HttpStatusCode.Unauthorized
                : (int)answer.StatusCode == 302 && location.Contains("/account/login", StringComparison.Ordinal);
            if (!askedToSignIn)
            {
                failures.Add($"anonymous {endpoint.Method} {endpoint.Path}: {(int)answer.StatusCode} {location}");
            }
            foreach (var (name, client) in new[]
                     {
                         ("listener (cookie)", listenerCookie), ("artist (cookie)", artistCookie),
                         ("listener (bearer)", listenerBearer), ("artist (bearer)", artistBearer),
                     })
            {
                var status = (int)(await SendAsync(client, endpoint)).StatusCode;
                if (status != 403)
                {
                    failures.Add($"{name} {endpoint.Method} {endpoint.Path}: {status}");
                }
            }
        }

        Assert.True(failures.Count == 0, $"{failures.Count} of {endpoints.Count} admin endpoints let others in:\n" + string.Join("\n", failures));
    }

    [Fact]
    public async Task AdminPages_OpenForTheAdmin()
    {
        var admin = await _site.SignedInCookieClientAsync(TrackUploads.AdminEmail, TrackUploads.AdminPassword);
        var pages = AdminEndpoints().Where(e => !e.IsApi && e.Method == "GET" && !e.HasParameters).ToList();

        Assert.NotEmpty(pages);
        foreach (var page in pages)
        {
            var status = (int)(await SendAsync(admin, page)).StatusCode;
            Assert.True(status == 200, $"{page.Path} answered {status} to the admin");
        }
    }

    private static Task<HttpResponseMessage> SendAsync(HttpClient client, AdminEndpoint endpoint)
    {
        var request = new HttpRequestMessage(new HttpMethod(endpoint.Method), endpoint.Path);
        // Same-origin, so that the cross-site guard lets the write through to the policy check.
        request.Headers.Add("Origin", "http://localhost");
        if (endpoint.Method is not ("GET" or "HEAD" or "DELETE"))
        {
            // The body each kind reads (a form endpoint refuses JSON with 415 before any policy runs).
            request.Content = endpoint.IsApi
                ? new StringContent("{}", Encoding.UTF8, "application/json")
                : new FormUrlEncodedContent([]);
        }
        if (endpoint.IsApi)
        {
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        }
        return client.SendAsync(request);
    }

    private List<RouteEndpoint> Routes() =>
        _site.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText is not null).ToList();

    private List<AdminEndpoint> AdminEndpoints() =>
        Routes().Where(HasAdminPolicy)
            .SelectMany(e => (e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["GET"])
                .Select(method => new AdminEndpoint(method, Fill(e.RoutePattern), IsApi(e.RoutePattern.RawText!), e.RoutePattern.Parameters.Count > 0)))
            .Distinct().ToList();

    private static bool HasAdminPolicy(Endpoint endpoint) =>
        endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>().Any(a => a.Policy == Policies.Admin);

    private static bool IsAdminAddress(string template)
    {
        var path = "/" + template.TrimStart('/');
        return path == "/admin" || path.StartsWith("/admin/", StringComparison.Ordinal)
            || path == "/api/admin" || path.StartsWith("/api/admin/", StringComparison.Ordinal);
    }

    private static bool IsApi(string template) => ("/" + template.TrimStart('/')).StartsWith("/api/", StringComparison.Ordinal);

    /// <summary>The route with each parameter filled: 1 for ids and numbers, a word for the rest.</summary>
    private static string Fill(RoutePattern pattern) => RoutePaths.Fill(pattern, parameter =>
        parameter.ParameterPolicies.Any(p => p.Content is "int" or "long") || parameter.Name.EndsWith("id", StringComparison.OrdinalIgnoreCase)
            ? "1" : "x");
}
