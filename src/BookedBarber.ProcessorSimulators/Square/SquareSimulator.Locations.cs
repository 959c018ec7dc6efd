using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace BookedBarber.ProcessorSimulators.Square;

// Locations: ListLocations and RetrieveLocation.
public sealed partial class SquareSimulator
{
    private static IResult ListLocations(HttpContext http)
    {
        var merchant = (SimMerchant)http.Items[typeof(SimMerchant)]!;
        var locations = new JsonArray();
        lock (merchant.Locations)
        {
            foreach (var location in merchant.Locations)
            {
                locations.Add(location.ToJson());
            }
        }

        return Json(200, new JsonObject { ["locations"] = locations });
    }

    private static IResult RetrieveLocation(HttpContext http, string locationId)
    {
        var merchant = (SimMerchant)http.Items[typeof(SimMerchant)]!;
        SimLocation? location;
        lock (merchant.Locations)
        {
            location = locationId == "main" ? merchant.Locations[0] : merchant.Locations.Find(l => l.Id == locationId);
        }

        return location is null
            ? Error(404, "INVALID_REQUEST_ERROR", "NOT_FOUND", $"Location with id `{locationId}` not found.")
            : Json(200, new JsonObject { ["location"] = location.ToJson() });
    }
}
