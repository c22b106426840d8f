using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace MusicSite.Tests.Infrastructure;

/// <summary>Small helpers for API tests: JSON bodies, ProblemDetails, signing in for a bearer token.</summary>
public static class ApiClient
{
    public static async Task<JsonElement> JsonAsync(this HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.False(string.IsNullOrEmpty(text), $"Empty body with {(int)response.StatusCode}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    /// <summary>Asserts an RFC 9457 problem with the given status and code, and returns it.</summary>
    public static async Task<JsonElement> ProblemAsync(this HttpResponseMessage response, int status, string code)
    {
        Assert.Equal(status, (int)response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.JsonAsync();
        Assert.Equal(status, problem.GetProperty("status").GetInt32());
        Assert.Equal(code, problem.GetProperty("code").GetString());
        return problem;
    }

    public static async Task<HttpResponseMessage> RegisterAsync(this HttpClient client, string email,
        string password = "Passw0rdOk", string displayName = "Test User", string? accountType = null) =>
        await client.PostAsJsonAsync("/api/auth/register", new { email, password, displayName, accountType });

    public static async Task<JsonElement> LoginAsync(this HttpClient client, string email, string password = "Passw0rdOk")
    {
        var response = await client.PostAsJsonAsync("/api/auth/login", new { email, password });
        Assert.Equal(200, (int)response.StatusCode);
        return await response.JsonAsync();
    }

    public static HttpRequestMessage WithBearer(this HttpRequestMessage request, string token)
    {
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return request;
    }

    public static async Task<HttpClient> SignedInClientAsync(this MusicSiteFactory factory, string email)
    {
        var client = factory.CreateClient();
        Assert.Equal(201, (int)(await client.RegisterAsync(email)).StatusCode);
        var token = (await client.LoginAsync(email)).GetProperty("accessToken").GetString()!;
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }
}
