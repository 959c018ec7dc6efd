using System.Text.Json;

namespace BookedBarber.Payments.FunctionalTests.Analytics.Probe;

/// <summary>
/// A barber who never took a payment, in a shop far from UTC: every field the API reference documents is in every
/// answer (null when there is nothing to measure, never left out), money is zero, and nothing is recommended.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class NoDataProbeTests(AzuriteFixture azurite)
{
    private const int Barber = 77;

    // The API reference's examples, as the shape every answer has (arrays: the shape of each item).
    private const string Dashboard = """
        {"today":{"total_transactions":0,"total_volume":0,"total_net_earnings":0,"centralized_volume":0,"external_volume":0,"commission_activity":0},
         "month_to_date":{"total_transactions":0,"total_volume":0,"total_net_earnings":0,"success_rate":0,"average_transaction":0},
         "outstanding_commission":{"pending_collections":0,"total_amount":0,"next_collection_date":""},
         "recent_transactions":[{"id":0,"amount":0,"payment_type":"","processor":"","status":"","processed_at":""}],"last_updated":""}
        """;

    private const string Analytics = """
        {"period":"","date_range":{"start":"","end":""},
         "centralized_payments":{"total_transactions":0,"total_volume":0,"net_earnings":0,"success_rate":0,"average_transaction":0,"processing_fees":0,"commission_deducted":0},
         "decentralized_payments":{"total_transactions":0,"total_volume":0,"success_rate":0,"average_transaction":0,"external_processor_fees":0,"commission_collected":0},
         "commission_data":{"total_amount":0,"amount_collected":0,"amount_pending":0,"success_rate":0,"collection_frequency":""},
         "combined_metrics":{"total_transactions":0,"total_volume":0,"total_net_earnings":0,"total_commission_activity":0,"weighted_success_rate":0,"effective_take_rate":0},
         "trend_analysis":{"total_volume_trend":0,"total_transactions_trend":0,"net_earnings_trend":0,"success_rate_trend":0},
         "mode_comparison":{"centralized_efficiency":0,"decentralized_efficiency":0,"optimal_mode":"","volume_distribution":{"centralized_percentage":0,"decentralized_percentage":0}},
         "six_figure_insights":{"target_annual_revenue":0,"target_monthly_revenue":0,"current_monthly_revenue":0,"progress_percentage":0,"projected_annual":0,"gap_to_target":0,"recommendations":[""]},
         "recommendations":[""]}
        """;

    private const string Optimization = """
        {"current_mode":"","optimal_mode":"","potential_monthly_increase":0,
         "switching_roi":{"investment_required":0,"monthly_savings":0,"annual_savings":0,"payback_period":""},
         "recommendations":[{"type":"","recommendation":"","implementation_difficulty":""}],"analysis_period":"","confidence_score":0,
         "scenario_analysis":{"all_centralized":{"monthly_revenue":0,"monthly_fees":0,"net_monthly":0},
           "all_external":{"monthly_revenue":0,"monthly_fees":0,"net_monthly":0,"commission_impact":0},
           "current_hybrid":{"monthly_revenue":0,"monthly_fees":0,"net_monthly":0,"commission_impact":0}}}
        """;

    private const string Insights = """
        {"program_status":{"enrolled":true,"tier":"","start_date":"","current_phase":""},
         "revenue_tracking":{"annual_target":0,"current_annual_pace":0,"monthly_target":0,"current_monthly_average":0,"progress_percentage":0,"months_to_target":0},
         "key_metrics":{"average_client_value":0,"client_retention_rate":0,"service_mix_optimization":0,"pricing_power_index":0,"operational_efficiency":0},
         "growth_recommendations":[{"category":"","recommendation":"","impact":"","difficulty":"","timeframe":""}],
         "milestone_tracking":{"milestones_achieved":0,"milestones_total":0,
           "next_milestone":{"name":"","target_value":0,"current_value":0,"progress":0,"estimated_completion":""}},
         "peer_comparison":{"revenue_percentile":0,"efficiency_percentile":0,"growth_rate_percentile":0,"market_position":""}}
        """;

    /// <summary>The documented fields missing from <paramref name="actual"/> (a field may be null; its parent may not, if it has fields).</summary>
    public static IEnumerable<string> Missing(JsonElement shape, JsonElement actual, string path = "$")
    {
        if (shape.ValueKind == JsonValueKind.Object)
        {
            if (actual.ValueKind != JsonValueKind.Object) { yield return $"{path} is {actual.ValueKind}, not an object"; yield break; }
            foreach (var field in shape.EnumerateObject())
            {
                if (!actual.TryGetProperty(field.Name, out var value)) yield return $"{path}.{field.Name} is missing";
                else foreach (var m in Missing(field.Value, value, $"{path}.{field.Name}")) yield return m;
            }
        }
        else if (shape.ValueKind == JsonValueKind.Array)
        {
            if (actual.ValueKind != JsonValueKind.Array) { yield return $"{path} is {actual.ValueKind}, not an array"; yield break; }
            foreach (var item in actual.EnumerateArray())
            foreach (var m in Missing(shape[0], item, $"{path}[]")) yield return m;
        }
    }

    [Fact]
    public async Task A_barber_without_payments_gets_every_documented_field_zeros_and_nulls_and_no_advice()
    {
        await using var host = await ApiHost.StartAsync(azurite);
        await ApiAssert.Json(await host.SendAsync(HttpMethod.Put, "internal/booking/shops/7", host.AdminToken(),
            $$"""{"name":"Empty Chair","owner_id":70,"enterprise_owner_id":null,"barber_ids":[{{Barber}}],"time_zone":"Pacific/Auckland"}"""), 201);
        var token = host.BarberToken(Barber);
        var missing = new List<string>();
        async Task<JsonElement> Read(string path, string shape)
        {
            var body = await ApiAssert.Json(await host.GetAsync($"unified-payment-analytics/{path}", token), 200);
            missing.AddRange(Missing(JsonDocument.Parse(shape).RootElement, body).Select(m => $"{path}: {m}"));
            return body;
        }

        var dashboard = await Read("dashboard", Dashboard);
        Assert.Empty(dashboard.GetProperty("recent_transactions").EnumerateArray());
        foreach (var period in new[] { "7_days", "30_days", "all_time" })
        {
            var analytics = await Read($"analytics?period={period}&include_projections=true", Analytics);
            Assert.Empty(analytics.GetProperty("recommendations").EnumerateArray());
            // No payment: no pace to advise on, and no share of a volume that does not exist.
            Assert.Empty(analytics.GetProperty("six_figure_insights").GetProperty("recommendations").EnumerateArray());
            var shares = analytics.GetProperty("mode_comparison").GetProperty("volume_distribution");
            Assert.Equal(JsonValueKind.Null, shares.GetProperty("centralized_percentage").ValueKind);
            Assert.Equal(JsonValueKind.Null, shares.GetProperty("decentralized_percentage").ValueKind);
            Assert.All(analytics.GetProperty("trend_analysis").EnumerateObject(), f => Assert.Equal(JsonValueKind.Null, f.Value.ValueKind));
        }
        foreach (var period in new[] { "90_days", "all_time" })
        {
            var optimization = await Read($"revenue-optimization?period={period}", Optimization);
            Assert.Empty(optimization.GetProperty("recommendations").EnumerateArray());
            Assert.Equal(0m, optimization.GetProperty("potential_monthly_increase").GetDecimal());
        }
        var insights = await Read("six-figure-insights", Insights);
        Assert.Empty(insights.GetProperty("growth_recommendations").EnumerateArray());
        Assert.Empty(missing);
    }
}
