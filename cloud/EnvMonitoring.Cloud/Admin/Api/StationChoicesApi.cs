using EnvMonitoring.Cloud.Stations;
using EnvMonitoring.Protocol.Catalog;
using EnvMonitoring.Protocol.Codec;
using EnvMonitoring.Rules.Profiles;
using EnvMonitoring.Rules.Regulations;

namespace EnvMonitoring.Cloud.Admin.Api;

/// <summary>
/// <c>/api/admin/regulations</c> and <c>/api/admin/catalog</c>: what a station definition may
/// name, read from the regulation library, the parameter catalog and the rule kinds the checks use, so the
/// dashboard's station form offers exactly what the server accepts and keeps no list of its own.
/// </summary>
internal static class StationChoicesApi
{
    public static RouteGroupBuilder MapStationChoicesApi(this RouteGroupBuilder admin)
    {
        admin.MapGet("/regulations", (RegulationLibrary library) => TypedResults.Json(
                library.Regulations.OrderBy(r => r.Id, StringComparer.Ordinal).Select(RegulationChoice.Of).ToList(), AdminJson.Api))
            .WithSummary("The regulations a station may name: medium, columns, and the site quantities, choices and coefficients each reads.")
            .Produces<List<RegulationChoice>>();
        admin.MapGet("/catalog", (SampleCodec codec) => TypedResults.Json(
                new CatalogChoices([.. codec.Catalog.Parameters.Select(p => new ParameterChoice(p.Code, p.Name, p.Unit, p.Medium))], Enum.GetValues<RuleKind>()), AdminJson.Api))
            .WithSummary("The parameter catalog (the codes a station may measure, by medium) and the rule kinds a station may disable.")
            .Produces<CatalogChoices>();
        return admin;
    }
}

/// <summary>A regulation as the station form offers it; site keys with their words (<see cref="SiteInputWords"/>) where known.</summary>
internal sealed record RegulationChoice(
    string Id, string Title, Medium Medium, IReadOnlyList<ColumnChoice> Columns,
    IReadOnlyList<SiteKeyChoice> Site, IReadOnlyList<SiteChoiceKey> SiteChoices, IReadOnlyList<string> Factors)
{
    public static RegulationChoice Of(Regulation regulation)
    {
        var keys = SiteKeys.Of(regulation);
        return new(regulation.Id, regulation.Title, regulation.Medium,
            [.. regulation.Columns.Select(c => new ColumnChoice(c.Code, c.Description))],
            [.. keys.Quantities.Order(StringComparer.Ordinal).Select(q => new SiteKeyChoice(q, SiteInputWords.Of(q, null)))],
            [.. keys.Choices.OrderBy(c => c.Key, StringComparer.Ordinal).Select(c => new SiteChoiceKey(c.Key, [.. c.Value.Select(code => new SiteKeyChoice(code, SiteInputWords.Of(c.Key, code)))]))],
            [.. keys.Factors.Order(StringComparer.Ordinal)]);
    }
}

/// <summary>A column of a regulation and what it is for.</summary>
internal sealed record ColumnChoice(string Code, string Description);

/// <summary>A site quantity, or one code of a site choice, with its words in Vietnamese and English (a quantity's hold <c>{0}</c> for the number).</summary>
internal sealed record SiteKeyChoice(string Key, InputWords? Words);

/// <summary>A site choice and its codes.</summary>
internal sealed record SiteChoiceKey(string Key, IReadOnlyList<SiteKeyChoice> Codes);

/// <summary>The parameters of the catalog and the rule kinds (<c>rules.disabled</c>).</summary>
internal sealed record CatalogChoices(IReadOnlyList<ParameterChoice> Parameters, IReadOnlyList<RuleKind> RuleKinds);

/// <summary>A parameter of the catalog.</summary>
internal sealed record ParameterChoice(string Code, string Name, string Unit, Medium Medium);
