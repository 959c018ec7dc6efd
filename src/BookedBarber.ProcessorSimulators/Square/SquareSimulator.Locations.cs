using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace BookedBarber.ProcessorSimulators.Square;

// Locations: ListLocations, RetrieveLocation, more locations per seller and the ACTIVE/INACTIVE switch.
public sealed partial class SquareSimulator
{
    /// <summary>Adds another location to the seller that owns <paramref name="merchantIdOrAccessToken"/>.</summary>
    public void AddLocation(string merchantIdOrAccessToken, string locationId, string locationName, string currency = "USD", string country = "US")
    {
        lock (_gate)
        {
            var merchant = FindMerchant(merchantIdOrAccessToken) ?? throw new KeyNotFoundException("No seller has that merchant id or access token.");
            if (_locationsById.ContainsKey(locationId))
            {
                throw new InvalidOperationException("That location id is already registered.");
            }

            var location = new SimLocation(locationId, locationName, currency, country, merchant.Id, Now());
            merchant.Locations.Add(location);
            _locationsById[locationId] = location;
        }
    }

    /// <summary>
    /// Switches a location between ACTIVE and INACTIVE (as a seller deactivating it in the dashboard). An inactive
    /// location lists no capabilities and refuses payments.
    /// </summary>
    public void SetLocationActive(string locationId, bool active)
    {
        lock (_gate)
        {
            _locationsById[locationId].Active = active;
        }
    }

    private IResult ListLocations(HttpContext http)
    {
        var merchant = (SimMerchant)http.Items[typeof(SimMerchant)]!;
        var locations = new JsonArray();
        lock (_gate)
        {
            foreach (var location in merchant.Locations)
            {
                locations.Add(location.ToJson());
            }
        }

        return Json(200, new JsonObject { ["locations"] = locations });
    }

    private IResult RetrieveLocation(HttpContext http, string locationId)
    {
        var merchant = (SimMerchant)http.Items[typeof(SimMerchant)]!;
        lock (_gate)
        {
            var location = locationId == "main" ? merchant.Locations[0] : merchant.Locations.Find(l => l.Id == locationId);
            return location is null
                ? Error(404, "INVALID_REQUEST_ERROR", "NOT_FOUND", $"Location with id `{locationId}` not found.")
                : Json(200, new JsonObject { ["location"] = location.ToJson() });
        }
    }
}
