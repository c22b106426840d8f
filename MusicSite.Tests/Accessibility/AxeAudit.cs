using System.Text.Json;
using Microsoft.Playwright;
using MusicSite.Tests.Infrastructure;

namespace MusicSite.Tests.Accessibility;

/// <summary>One rule axe-core found broken on a page, with every element that breaks it.</summary>
public sealed record AxeViolation(string Id, string? Impact, string Help, IReadOnlyList<AxeNode> Nodes)
{
    /// <summary>Impacts the audit fails on; moderate and minor ones are printed, not failed.</summary>
    public bool Blocks => Impact is "serious" or "critical";

    public override string ToString() =>
        $"{Impact ?? "?"} {Id}: {Help}\n" + string.Join("\n", Nodes.Select(n => $"    {n.Target}\n      {n.Summary.ReplaceLineEndings("\n      ")}"));
}

/// <summary>An element a rule failed on: its CSS selector and axe's account of what to fix.</summary>
public sealed record AxeNode(string Target, string Summary);

/// <summary>
/// Runs axe-core (MusicSite.Tests/Accessibility/node_modules, installed by the test build with npm ci) in a page.
/// The source is evaluated through Playwright, outside the page's Content-Security-Policy, so the page is audited
/// exactly as served: nothing about it is relaxed for the audit.
/// </summary>
public static class AxeAudit
{
    private static readonly Lazy<string> Source = new(() =>
    {
        var path = Path.Combine(RepositoryPaths.Root, "MusicSite.Tests", "Accessibility", "node_modules", "axe-core", "axe.min.js");
        return File.Exists(path)
            ? File.ReadAllText(path)
            : throw new FileNotFoundException("axe-core is not installed: build MusicSite.Tests (it runs npm ci in MusicSite.Tests/Accessibility).", path);
    });

    // WCAG 2.2 A and AA plus axe's best practices; the result is passed back as JSON text, read below.
    private const string Run = """
        async () => {
          const result = await axe.run(document, {
            runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] },
            resultTypes: ['violations'],
          });
          const selector = t => Array.isArray(t) ? t.join(' >>> ') : String(t);
          return JSON.stringify(result.violations.map(v => ({
            id: v.id, impact: v.impact, help: v.help,
            nodes: v.nodes.map(n => ({ target: n.target.map(selector).join(', '), summary: n.failureSummary || '' })),
          })));
        }
        """;

    public static async Task<IReadOnlyList<AxeViolation>> RunAsync(IPage page)
    {
        if (!await page.EvaluateAsync<bool>("() => typeof window.axe === 'object'"))
        {
            await page.EvaluateAsync(Source.Value + "\n;0");
        }
        var json = await page.EvaluateAsync<string>(Run);
        return JsonSerializer.Deserialize<List<AxeViolation>>(json, JsonSerializerOptions.Web)!;
    }
}
