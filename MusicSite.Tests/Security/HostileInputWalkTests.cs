using System.Net.Http.Headers;
using System.Reflection;
using System.Text;
using AngleSharp.Html.Parser;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Endpoints;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.Extensions.DependencyInjection;
using MusicSite.Tests.Infrastructure;
using Xunit.Abstractions;

namespace MusicSite.Tests.Security;

/// <summary>
/// Every route the site maps (pages and API alike, read from its EndpointDataSource, so a new route is walked
/// without anyone adding it here), as anonymous, listener, artist and admin, with a table of hostile values in
/// route parameters, query parameters, JSON, form and multipart bodies. No answer may be a 5xx.
/// </summary>
[Trait("Category", "Slow")]
public sealed class HostileInputWalkTests : IDisposable
{
    private const string AdminEmail = "walk-admin@musicsite.test";
    private const string AdminPassword = "Adm1nWalkPassw0rd";
    private const string Password = "Passw0rdOk";

    private static readonly string Long = new('a', 3000);
    private static readonly string ControlAndBidi = "\u0000\u0007\r\n\t\u202E\u2066\u200Bx\uFEFF";

    /// <summary>Route values: wrong type, negative, zero, past int, encoded bidi and newline, very long. (An encoded NUL
    /// in the path is refused by the in-memory test client itself; Kestrel answers it with a 400.)</summary>
    private static readonly string[] HostileRouteValues =
        ["abc", "-1", "0", "99999999999999999999", "%E2%80%AE%0D%0A", new('9', 400)];

    /// <summary>Query values, sent raw (already URL-encoded where they must be). The first ones go to each declared
    /// parameter alone; all of them go to every parameter at once.</summary>
    private static readonly string[] HostileQueryValues =
    [
        "abc", "-1", "1.5", "2147483647", "99999999999999999999", "NaN", "%2F%09%2Fevil.example", "%00%E2%80%AE%0D%0A", Long,
        "low,high", "%E3%80%80x", "https%3A%2F%2Fevil.example",
    ];

    private const int ValuesPerDeclaredParameter = 9;

    /// <summary>Query names every route gets, besides the ones it declares.</summary>
    private static readonly string[] CommonQueryNames =
    [
        "page", "limit", "id", "quality", "format", "sort", "order", "search", "returnUrl", "size", "token", "saved",
        "userId", "code", "email", "genre", "tags", "bpm_min", "bpm_max", "min_duration", "uploader_id", "parent_id", "top_level",
        "cursor", "artist", "license", "key", "duration", "max_duration",
    ];

    /// <summary>Values typed into every visible field of a page's own form (antiforgery token kept).</summary>
    private static readonly string[] HostileFieldValues =
        ["", "-1", "99999999999999999999", ControlAndBidi + Long, "/\t/evil.example"];

    private readonly MusicSiteFactory _site = new();
    private readonly ITestOutputHelper _output;
    private readonly List<string> _failures = [];
    private int _requests;

    public HostileInputWalkTests(ITestOutputHelper output)
    {
        _output = output;
        _site.Settings["MUSICSITE_ADMIN_EMAIL"] = AdminEmail;
        _site.Settings["MUSICSITE_ADMIN_PASSWORD"] = AdminPassword;
        // Every request comes from one address: no limit may answer 429 in place of the route itself (0 is off;
        // the factory already turns the per-address and per-user limits off).
        _site.Settings["RateLimits:AccountPerEmailLimit"] = "0";
    }

    /// <summary>A role and its clients. Every role walks every route; the anonymous visitor and the owner (artist) get the
    /// whole table, the listener and the admin a shorter one, which keeps the walk to a few thousand requests.</summary>
    private sealed record Actor(string Name, HttpClient Api, HttpClient Pages)
    {
        public bool Full => Name is "anonymous" or "artist";
    }

    private sealed record Probe(string Method, string Url, string Kind, Func<HttpContent?>? Body = null,
        IReadOnlyDictionary<string, string>? Headers = null);

    private sealed record Seed(int PublicTrack, int PrivateTrack, int Album, int ArtistUser);

    [Fact]
    public async Task EveryRoute_WithHostileInput_NeverAnswers5xx()
    {
        var (actors, seed) = await ArrangeAsync();
        var routes = _site.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText is not null)
            .ToList();
        var deferred = new List<(Actor, Probe)>();

        foreach (var actor in actors)
        {
            foreach (var endpoint in routes)
            {
                foreach (var probe in await ProbesAsync(endpoint, actor, seed))
                {
                    if (MustWaitForTheEnd(probe))
                    {
                        deferred.Add((actor, probe));
                        continue;
                    }
                    await SendAsync(actor, probe);
                }
            }
        }
        // What ends a session or removes the seeded data goes last, so every other probe saw it whole.
        foreach (var (actor, probe) in deferred)
        {
            await SendAsync(actor, probe);
        }

        var summary = $"Hostile-input walk: {routes.Count} routes, {actors.Count} roles, {_requests} requests, {_failures.Count} answered 5xx.";
        _output.WriteLine(summary);
        Console.WriteLine(summary);
        Assert.True(_failures.Count == 0, summary + Environment.NewLine + string.Join(Environment.NewLine, _failures.Distinct().Take(200)));
    }

    private static bool MustWaitForTheEnd(Probe probe) =>
        probe.Method == "DELETE" || probe.Url.Contains("/logout", StringComparison.OrdinalIgnoreCase)
        || probe.Url.Contains("/delete", StringComparison.OrdinalIgnoreCase);

    private async Task SendAsync(Actor actor, Probe probe)
    {
        var client = probe.Url.StartsWith("/api/", StringComparison.Ordinal) ? actor.Api : actor.Pages;
        using var request = new HttpRequestMessage(new HttpMethod(probe.Method), probe.Url) { Content = probe.Body?.Invoke() };
        foreach (var (name, value) in probe.Headers ?? new Dictionary<string, string>())
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }
        _requests++;
        int status;
        try
        {
            using var response = await client.SendAsync(request);
            status = (int)response.StatusCode;
        }
        catch (Exception ex)
        {
            _failures.Add($"{actor.Name} {probe.Method} {Shorten(probe.Url)} [{probe.Kind}] threw {ex.GetType().Name}: {ex.Message}");
            return;
        }
        if (status >= 500)
        {
            _failures.Add($"{actor.Name} {probe.Method} {Shorten(probe.Url)} [{probe.Kind}] -> {status}");
        }
    }

    private static string Shorten(string url) => url.Length > 160 ? url[..160] + $"…({url.Length} chars)" : url;

    // ---- what to send to one route ----

    private async Task<List<Probe>> ProbesAsync(RouteEndpoint endpoint, Actor actor, Seed seed)
    {
        var pattern = endpoint.RoutePattern;
        var methods = endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["GET"];
        var isApi = pattern.RawText!.StartsWith("/api", StringComparison.Ordinal) || pattern.RawText.StartsWith("api", StringComparison.Ordinal);
        var valid = RoutePaths.Fill(pattern, p => ValidValue(pattern.RawText!, p, seed));
        var variants = new List<(string Path, bool Valid)> { (valid, true) };
        if (pattern.Parameters.Count > 0 && actor.Full)
        {
            variants.AddRange(HostileRouteValues.Select(v => (RoutePaths.Fill(pattern, _ => v), false)));
            if (pattern.RawText.Contains("tracks/{", StringComparison.OrdinalIgnoreCase))
            {
                variants.Add((RoutePaths.Fill(pattern, p => IsId(p) ? seed.PrivateTrack.ToString() : ValidValue(pattern.RawText!, p, seed)), true));
            }
        }

        var probes = new List<Probe>();
        var queryNames = DeclaredQueryNames(endpoint).Concat(CommonQueryNames).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        foreach (var method in methods)
        {
            foreach (var (path, isValid) in variants)
            {
                if (!isValid)
                {
                    probes.Add(new Probe(method, path, "route value"));
                    continue;
                }
                if (method is "GET" or "HEAD")
                {
                    probes.Add(new Probe(method, path, "plain"));
                    foreach (var value in actor.Full ? HostileQueryValues : HostileQueryValues.Take(6))
                    {
                        probes.Add(new Probe(method, WithQuery(path, queryNames.Select(n => (n, value))), "every query parameter"));
                    }
                    if (actor.Full)
                    {
                        foreach (var name in DeclaredQueryNames(endpoint))
                        {
                            probes.AddRange(HostileQueryValues.Take(ValuesPerDeclaredParameter)
                                .Select(v => new Probe(method, WithQuery(path, [(name, v)]), $"query {name}")));
                        }
                    }
                    continue;
                }
                if (isApi)
                {
                    probes.AddRange(ApiBodies(method, path).Where(p => actor.Full || LightBodies.Contains(p.Kind)));
                }
                else
                {
                    probes.AddRange(await PageBodiesAsync(method, path, actor));
                }
            }
        }
        return probes;
    }

    private static bool IsId(RoutePatternParameterPart p) => p.Name.Equals("id", StringComparison.OrdinalIgnoreCase);

    /// <summary>A value that reaches the handler: the seeded entity of the route's kind.</summary>
    private static string ValidValue(string template, RoutePatternParameterPart p, Seed seed)
    {
        if (IsId(p))
        {
            return template.Contains("album", StringComparison.OrdinalIgnoreCase) ? seed.Album.ToString()
                : template.Contains("genre", StringComparison.OrdinalIgnoreCase) ? "1"
                : template.Contains("user", StringComparison.OrdinalIgnoreCase) ? seed.ArtistUser.ToString()
                : seed.PublicTrack.ToString();
        }
        return p.Name.ToLowerInvariant() switch
        {
            "slug" => "house",
            "code" => "404",
            _ => "walk",
        };
    }

    /// <summary>Query names the route itself reads: a handler's simple parameters, an [AsParameters] record's, a page's [SupplyParameterFromQuery].</summary>
    private static IEnumerable<string> DeclaredQueryNames(RouteEndpoint endpoint)
    {
        var routeNames = endpoint.RoutePattern.Parameters.Select(p => p.Name).ToHashSet(StringComparer.OrdinalIgnoreCase);
        if (endpoint.Metadata.GetMetadata<MethodInfo>() is { } handler)
        {
            foreach (var parameter in handler.GetParameters())
            {
                if (parameter.GetCustomAttribute<AsParametersAttribute>() is not null)
                {
                    foreach (var inner in parameter.ParameterType.GetConstructors().SelectMany(c => c.GetParameters()))
                    {
                        if (IsSimple(inner.ParameterType))
                        {
                            yield return inner.GetCustomAttribute<FromQueryAttribute>()?.Name ?? inner.Name!;
                        }
                    }
                }
                else if (IsSimple(parameter.ParameterType) && !routeNames.Contains(parameter.Name!)
                         && parameter.GetCustomAttribute<FromFormAttribute>() is null)
                {
                    yield return parameter.GetCustomAttribute<FromQueryAttribute>()?.Name ?? parameter.Name!;
                }
            }
        }
        if (endpoint.Metadata.GetMetadata<ComponentTypeMetadata>() is { } page)
        {
            foreach (var property in page.Type.GetProperties(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic))
            {
                if (property.GetCustomAttribute<SupplyParameterFromQueryAttribute>() is { } query)
                {
                    yield return query.Name ?? property.Name;
                }
            }
        }
    }

    private static bool IsSimple(Type type)
    {
        var t = Nullable.GetUnderlyingType(type) ?? type;
        return t.IsPrimitive || t.IsEnum || t == typeof(string) || t == typeof(decimal) || t == typeof(DateTime)
               || t == typeof(DateOnly) || t == typeof(Guid);
    }

    private static string WithQuery(string path, IEnumerable<(string Name, string Value)> values) =>
        path + "?" + string.Join("&", values.Select(v => $"{Uri.EscapeDataString(v.Name)}={v.Value}"));

    // ---- bodies ----

    private static readonly string[] JsonFieldNames =
    [
        "title", "artist", "artistName", "description", "tags", "genres", "bpm", "key", "license", "isPublic", "isDownloadable",
        "albumId", "trackNumber", "releaseDate", "uploadId", "email", "password", "displayName", "bio", "accountType",
        "refreshToken", "seconds", "code", "userId", "newPassword", "currentPassword", "returnUrl",
    ];

    private static readonly string[] LightBodies =
        ["malformed JSON", "JSON array", "JSON wrong types", "JSON control and bidi characters, long", "JSON deeply nested", "truncated multipart"];

    private static IEnumerable<Probe> ApiBodies(string method, string path)
    {
        Func<HttpContent?> Json(string text) => () => new StringContent(text, Encoding.UTF8, "application/json");
        string Object(Func<string, string> value) => "{" + string.Join(",", JsonFieldNames.Select(n => $"\"{n}\":{value(n)}")) + "}";
        var escaped = System.Text.Json.JsonSerializer.Serialize(ControlAndBidi + Long);

        yield return new Probe(method, path, "no body");
        yield return new Probe(method, path, "empty JSON body", Json(""));
        yield return new Probe(method, path, "malformed JSON", Json("{\"title\": \"x\","));
        yield return new Probe(method, path, "JSON array", Json("[\"x\"]"));
        yield return new Probe(method, path, "JSON scalar", Json("123"));

        yield return new Probe(method, path, "JSON wrong types", Json(Object(n => (n.Length % 3) switch { 0 => "123", 1 => "[1,{}]", _ => "{\"a\":[]}" })));
        yield return new Probe(method, path, "JSON numbers as text", Json(Object(_ => "\"NaN\"")));
        yield return new Probe(method, path, "JSON huge numbers", Json(Object(_ => "99999999999999999999")));
        yield return new Probe(method, path, "JSON control and bidi characters, long", Json(Object(_ => escaped)));
        yield return new Probe(method, path, "JSON deeply nested", Json(new string('[', 5000) + new string(']', 5000)));

        yield return new Probe(method, path, "form fields", () => new FormUrlEncodedContent(JsonFieldNames.Select(n =>
            new KeyValuePair<string, string>(n, ControlAndBidi + Long))));
        yield return new Probe(method, path, "truncated multipart", () => TruncatedMultipart([("title", "Cut")]));
        yield return new Probe(method, path, "multipart, wrong field types", () => WrongMultipart());
        yield return new Probe(method, path, "tus headers", () => new ByteArrayContent(new byte[16]) { Headers = { ContentType = new MediaTypeHeaderValue("application/offset+octet-stream") } },
            new Dictionary<string, string>
            {
                ["Tus-Resumable"] = "1.0.0", ["Upload-Length"] = "-1", ["Upload-Offset"] = "99999999999999999999",
                ["Upload-Metadata"] = "filename %%%, filetype " + Long,
            });
        yield return new Probe(method, path, "tus, not numbers", () => new ByteArrayContent(new byte[16]) { Headers = { ContentType = new MediaTypeHeaderValue("application/offset+octet-stream") } },
            new Dictionary<string, string> { ["Tus-Resumable"] = "1.0.0", ["Upload-Length"] = "abc", ["Upload-Offset"] = "abc", ["Upload-Metadata"] = "filename " + Convert.ToBase64String(Encoding.UTF8.GetBytes(ControlAndBidi)) });
    }

    /// <summary>Page posts: without a token (the antiforgery 400), cut short, and the page's own forms filled with hostile values.</summary>
    private async Task<IEnumerable<Probe>> PageBodiesAsync(string method, string path, Actor actor)
    {
        var probes = new List<Probe>
        {
            new(method, path, "form without antiforgery token", () => new FormUrlEncodedContent(JsonFieldNames.Select(n =>
                new KeyValuePair<string, string>(n, ControlAndBidi)))),
            new(method, path, "truncated multipart", () => TruncatedMultipart([("title", "Cut")])),
        };
        if (method != "POST")
        {
            return probes;
        }
        var page = await actor.Pages.GetAsync(path);
        _requests++;
        if (!page.IsSuccessStatusCode)
        {
            return probes;
        }
        var doc = new HtmlParser().ParseDocument(await page.Content.ReadAsStringAsync());
        foreach (var form in doc.QuerySelectorAll("main form[method=post]").Take(4))
        {
            var action = form.GetAttribute("action") is { Length: > 0 } a ? a : path;
            var multipart = form.GetAttribute("enctype") == "multipart/form-data";
            var hidden = form.QuerySelectorAll("input[type=hidden]")
                .Select(i => (Name: i.GetAttribute("name") ?? "", Value: i.GetAttribute("value") ?? "")).Where(f => f.Name.Length > 0).ToList();
            var fields = form.QuerySelectorAll("input:not([type=hidden]):not([type=file]):not([type=submit]), select, textarea")
                .Select(e => e.GetAttribute("name")).OfType<string>().Distinct().ToList();
            var files = form.QuerySelectorAll("input[type=file]").Select(e => e.GetAttribute("name")).OfType<string>().ToList();
            foreach (var value in actor.Full ? HostileFieldValues : HostileFieldValues.Take(2))
            {
                var pairs = hidden.Where(h => h.Name is "__RequestVerificationToken" or "_handler")
                    .Concat(hidden.Where(h => h.Name is not ("__RequestVerificationToken" or "_handler")).Select(h => (h.Name, value)))
                    .Concat(fields.Select(f => (f, value))).ToList();
                probes.Add(new Probe("POST", action, $"page form, fields = {Describe(value)}", multipart
                    ? () => Multipart(pairs, files)
                    : () => new FormUrlEncodedContent(pairs.Select(p => new KeyValuePair<string, string>(p.Item1, p.Item2)))));
            }
        }
        return probes;
    }

    private static string Describe(string value) => value.Length > 20 ? $"{value.Length} chars" : $"\"{value}\"";

    private static MultipartFormDataContent Multipart(IEnumerable<(string Name, string Value)> fields, IEnumerable<string> files)
    {
        var content = new MultipartFormDataContent();
        foreach (var (name, value) in fields)
        {
            content.Add(new StringContent(value), name);
        }
        foreach (var name in files)
        {
            content.Add(new ByteArrayContent(Encoding.UTF8.GetBytes("<html>not audio, not an image</html>")), name, "junk.mp3");
        }
        return content;
    }

    private static MultipartFormDataContent WrongMultipart()
    {
        var content = new MultipartFormDataContent();
        foreach (var name in JsonFieldNames)
        {
            content.Add(new StringContent(ControlAndBidi + Long), name);
        }
        foreach (var name in new[] { "audio", "artwork", "avatar" })
        {
            content.Add(new ByteArrayContent("PK\u0003\u0004 not what it says"u8.ToArray()), name, "../../etc/passwd\u202Egpj.mp3");
        }
        return content;
    }

    /// <summary>A multipart body whose file part is cut off mid-way, closing boundary and all.</summary>
    private static ByteArrayContent TruncatedMultipart(IEnumerable<(string Name, string Value)> fields)
    {
        const string boundary = "walk-cut-short";
        var body = new StringBuilder();
        foreach (var (name, value) in fields)
        {
            body.Append($"--{boundary}\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n{value}\r\n");
        }
        foreach (var name in new[] { "audio", "artwork", "avatar" })
        {
            body.Append($"--{boundary}\r\nContent-Disposition: form-data; name=\"{name}\"; filename=\"cut.mp3\"\r\nContent-Type: application/octet-stream\r\n\r\n");
        }
        body.Append(new string('x', 5000));
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes(body.ToString()));
        content.Headers.ContentType = MediaTypeHeaderValue.Parse($"multipart/form-data; boundary={boundary}");
        return content;
    }

    // ---- the four roles and their data ----

    private async Task<(List<Actor>, Seed)> ArrangeAsync()
    {
        var options = new WebApplicationFactoryClientOptions { AllowAutoRedirect = false };
        var actors = new List<Actor> { new("anonymous", _site.CreateClient(options), _site.CreateClient(options)) };

        var listenerEmail = $"walk-listener-{Guid.NewGuid():N}@example.com";
        var artistEmail = $"walk-artist-{Guid.NewGuid():N}@example.com";
        Assert.Equal(201, (int)(await _site.CreateClient().RegisterAsync(listenerEmail, Password)).StatusCode);
        var registered = await _site.CreateClient().RegisterAsync(artistEmail, Password, accountType: "Artist");
        Assert.Equal(201, (int)registered.StatusCode);
        var artistUser = (await registered.JsonAsync()).GetProperty("id").GetInt32();

        foreach (var (name, email, password) in new[] { ("listener", listenerEmail, Password), ("artist", artistEmail, Password), ("admin", AdminEmail, AdminPassword) })
        {
            var api = _site.CreateClient(options);
            var token = (await api.LoginAsync(email, password)).GetProperty("accessToken").GetString()!;
            api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
            actors.Add(new Actor(name, api, await CookieLoginAsync(email, password)));
        }

        var artistApi = actors.Single(a => a.Name == "artist").Api;
        var album = await artistApi.PostAsync("/api/music/albums", new MultipartFormDataContent { { new StringContent("Walk album"), "title" } });
        Assert.Equal(201, (int)album.StatusCode);
        var seed = new Seed(
            await TestCatalog.AddReadyTrackAsync(_site.Services, "Walk public", 2, isPublic: true, uploaderEmail: artistEmail),
            await TestCatalog.AddReadyTrackAsync(_site.Services, "Walk private", 2, isPublic: false, uploaderEmail: artistEmail),
            (await album.JsonAsync()).GetProperty("id").GetInt32(),
            artistUser);
        return (actors, seed);
    }

    private async Task<HttpClient> CookieLoginAsync(string email, string password)
    {
        var client = _site.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var fields = await PageSessions.HiddenFieldsAsync(client, "/account/login");
        fields.AddRange([new("Input.Email", email), new("Input.Password", password)]);
        var response = await client.PostAsync("/account/login", new FormUrlEncodedContent(fields));
        Assert.Equal(302, (int)response.StatusCode);
        return client;
    }

    public void Dispose() => _site.Dispose();
}
