using System.Text.RegularExpressions;
using MusicSite.Common;

namespace MusicSite.Genres;

/// <summary>What a curator sends to create or change a genre. An empty slug is made from the name.</summary>
public sealed record GenreInput(string? Name, string? Slug, string? Description, int? ParentId);

/// <summary>A curated cross-link's kind and weight (0.1 to 1.0).</summary>
public sealed record GenreRelationInput(GenreRelationKind Kind, double Weight);

/// <summary>A genre's own values after the field rules: trimmed, the slug made when none was given. Also the
/// before/after object of a genre's audit entries.</summary>
public sealed record GenreValues(string Name, string Slug, string? Description, int? ParentId)
{
    public static GenreValues Of(Genre genre) => new(genre.Name, genre.Slug, genre.Description, genre.ParentId);
}

/// <summary>The field rules of a genre and of a curated relation: the one owner of their lengths and shapes.</summary>
public static partial class GenreFields
{
    public const int NameMaxLength = 100;
    public const int SlugMaxLength = 120;
    public const int DescriptionMaxLength = 500;
    public const double MinWeight = 0.1;
    public const double MaxWeight = 1.0;
    public const string WeightMessage = "Give a weight from 0.1 to 1.0.";

    /// <summary>The input's values made ready to store, or the field errors that refuse it.</summary>
    public static GenreValues? Check(GenreInput input, FieldErrors errors)
    {
        var name = input.Name?.Trim() ?? "";
        if (name.Length == 0)
        {
            errors.Add("name", "Give the genre a name.");
        }
        else if (name.Length > NameMaxLength)
        {
            errors.Add("name", $"Use at most {NameMaxLength} characters.");
        }
        else
        {
            TextRules.CheckSingleLine(name, "name", errors);
        }

        var slug = SlugFor(input.Slug, name, errors);

        var description = input.Description?.Trim();
        if (string.IsNullOrEmpty(description))
        {
            description = null;
        }
        else if (description.Length > DescriptionMaxLength)
        {
            errors.Add("description", $"Use at most {DescriptionMaxLength} characters.");
        }
        else
        {
            TextRules.CheckMultiLine(description, "description", errors);
        }

        return errors.Any ? null : new GenreValues(name, slug!, description, input.ParentId);
    }

    /// <summary>Adds the errors of a relation's weight and kind; true when it may be stored.</summary>
    public static bool CheckRelation(GenreRelationInput input, FieldErrors errors)
    {
        if (!Enum.IsDefined(input.Kind))
        {
            errors.Add("kind", "Choose related or similar.");
        }
        if (double.IsNaN(input.Weight) || input.Weight < MinWeight || input.Weight > MaxWeight)
        {
            errors.Add("weight", WeightMessage);
        }
        return !errors.Any;
    }

    private static string? SlugFor(string? given, string name, FieldErrors errors)
    {
        var slug = given?.Trim() ?? "";
        if (slug.Length == 0)
        {
            // Made from the name: cut to the longest slug at a dash-free end ("&" becomes " and ", so a
            // 100-character name can make a longer slug).
            slug = Slug.From(name);
            slug = slug.Length <= SlugMaxLength ? slug : slug[..SlugMaxLength].TrimEnd('-');
            if (slug.Length == 0 && name.Length > 0)
            {
                errors.Add("slug", "The name has no letters or digits to make an address from; give a slug.");
            }
            return slug;
        }
        if (slug.Length > SlugMaxLength)
        {
            errors.Add("slug", $"Use at most {SlugMaxLength} characters.");
        }
        else if (!SlugShape().IsMatch(slug))
        {
            errors.Add("slug", "Use lower-case letters a-z, digits and single dashes between them.");
        }
        return slug;
    }

    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$", RegexOptions.CultureInvariant)]
    private static partial Regex SlugShape();
}
