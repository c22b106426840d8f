using System.Globalization;
using Microsoft.EntityFrameworkCore;
using MusicSite.Blog;
using MusicSite.Common;
using MusicSite.Data;

namespace MusicSite.Seeding;

public sealed record BlogCategorySeed(string Name, string Description);

/// <summary>A post from seeds/blog/*.md: front matter (title, category, published) between two "---" lines, then the
/// Markdown. Published is an offset in days from the day of seeding ("-30d", "+2d"), a date ("2026-11-20"), or
/// "draft".</summary>
public sealed record BlogPostSeed(string FileName, string Title, string? Category, string Published, string Markdown);

/// <summary>
/// Seeds the blog's categories and posts from seeds/blog/ once (seed set "blog", with the demo). A post whose slug is
/// already taken is skipped, so a site that wrote its own "welcome" keeps it. Excerpts come from
/// <see cref="BlogMarkdown"/>, as for posts written on the site.
/// </summary>
internal sealed class BlogSeeder(MusicSiteDbContext db, TimeProvider clock)
{
    public const string SetName = "blog";

    public async Task<int> SeedAsync(string folder, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var categories = await db.BlogCategories.ToDictionaryAsync(c => c.Name, StringComparer.OrdinalIgnoreCase, cancellationToken);
        foreach (var seed in ReadCategories(Path.Combine(folder, "categories.txt")))
        {
            if (!categories.ContainsKey(seed.Name))
            {
                var category = new BlogCategory { Name = seed.Name, Slug = Slug.From(seed.Name), Description = seed.Description };
                db.BlogCategories.Add(category);
                categories[seed.Name] = category;
            }
        }
        var taken = (await db.BlogPosts.Select(p => p.Slug).ToListAsync(cancellationToken)).ToHashSet(StringComparer.Ordinal);
        var added = 0;
        foreach (var seed in ReadPosts(folder))
        {
            var slug = Slug.From(seed.Title);
            if (!taken.Add(slug))
            {
                continue;
            }
            if (seed.Category is { } name && !categories.ContainsKey(name))
            {
                throw new InvalidDataException($"{seed.FileName}: category '{name}' is not in categories.txt.");
            }
            db.BlogPosts.Add(new BlogPost
            {
                Title = seed.Title, Slug = slug, Markdown = seed.Markdown, Excerpt = BlogMarkdown.Excerpt(seed.Markdown),
                Category = seed.Category is null ? null : categories[seed.Category], PublishedAt = PublishedAt(seed, now),
                CreatedAt = now, UpdatedAt = now,
            });
            added++;
        }
        db.SeedRuns.Add(new SeedRun { Name = SetName, AppliedAt = now });
        await db.SaveChangesAsync(cancellationToken);
        return added;
    }

    public static IReadOnlyList<BlogCategorySeed> ReadCategories(string path) =>
        File.ReadLines(path).Where(l => !string.IsNullOrWhiteSpace(l) && !l.TrimStart().StartsWith('#'))
            .Select(l => l.Split('|', 2, StringSplitOptions.TrimEntries))
            .Select(parts => new BlogCategorySeed(parts[0], parts.Length > 1 ? parts[1] : "")).ToList();

    public static IReadOnlyList<BlogPostSeed> ReadPosts(string folder) =>
        Directory.GetFiles(folder, "*.md").Order(StringComparer.Ordinal).Select(ReadPost).ToList();

    public static BlogPostSeed ReadPost(string path)
    {
        var name = Path.GetFileName(path);
        var lines = File.ReadAllText(path).Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        if (lines.Length < 3 || lines[0].Trim() != "---")
        {
            throw new InvalidDataException($"{name}: a post starts with front matter between two '---' lines.");
        }
        var end = Array.FindIndex(lines, 1, l => l.Trim() == "---");
        if (end < 0)
        {
            throw new InvalidDataException($"{name}: the front matter has no closing '---'.");
        }
        var fields = lines[1..end].Where(l => l.Contains(':'))
            .ToDictionary(l => l[..l.IndexOf(':')].Trim().ToLowerInvariant(), l => l[(l.IndexOf(':') + 1)..].Trim());
        var title = fields.GetValueOrDefault("title") is { Length: > 0 } t ? t
            : throw new InvalidDataException($"{name}: the front matter needs a title.");
        var markdown = string.Join('\n', lines[(end + 1)..]).Trim() + "\n";
        return new BlogPostSeed(name, title, fields.GetValueOrDefault("category") is { Length: > 0 } c ? c : null,
            fields.GetValueOrDefault("published") ?? "draft", markdown);
    }

    /// <summary>The seed's publication time: null for a draft, else the offset or date it names.</summary>
    public static DateTime? PublishedAt(BlogPostSeed seed, DateTime now)
    {
        var text = seed.Published;
        if (text.Equals("draft", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }
        if (text.EndsWith('d') && int.TryParse(text[..^1], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var days))
        {
            return now.AddDays(days);
        }
        if (DateTime.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture,
                DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var date))
        {
            return date;
        }
        throw new InvalidDataException($"{seed.FileName}: published is an offset such as -30d, a date such as 2026-11-20, or draft.");
    }
}
