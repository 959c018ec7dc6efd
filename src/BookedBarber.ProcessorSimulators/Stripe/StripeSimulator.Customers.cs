using System.Text.Json.Nodes;

namespace BookedBarber.ProcessorSimulators.Stripe;

// Customers and saved cards (save_payment_method): create/read customers, attach/detach payment methods, and
// payment intents with customer + setup_future_usage that save the card they charged.
public sealed partial class StripeSimulator
{
    private readonly Dictionary<string, StripeCustomerState> _customers = new(StringComparer.Ordinal);
    private readonly Dictionary<string, StripePaymentMethodState> _paymentMethods = new(StringComparer.Ordinal);

    /// <summary>Saved payment methods by customer (null customer = detached), for tests.</summary>
    public IReadOnlyDictionary<string, string?> SavedPaymentMethods
    {
        get
        {
            lock (_gate)
            {
                return _paymentMethods.Values.ToDictionary(pm => pm.Id, pm => pm.Customer);
            }
        }
    }

    private Reply CreateCustomer(Call call)
    {
        var form = call.Form;
        var customer = new StripeCustomerState
        {
            Id = StripeJson.NewId("cus"),
            Account = call.StripeAccount,
            Created = Clock.GetUtcNow(),
            Metadata = form.Hash("metadata"),
            Email = form["email"],
            Name = form["name"],
            Description = form["description"],
        };
        lock (_gate)
        {
            if (form["payment_method"] is { } paymentMethod && Attach(paymentMethod, customer, call.StripeAccount).Reply is { } refused)
            {
                return refused;
            }

            _customers[customer.Id] = customer;
            if (form["invoice_settings[default_payment_method]"] is { } defaultMethod)
            {
                customer.DefaultPaymentMethod = defaultMethod;
            }

            return new Reply(200, StripeJson.Customer(customer));
        }
    }

    private Reply GetCustomer(Call call)
    {
        lock (_gate)
        {
            return FindCustomer(call.Id, call.StripeAccount) is { } customer
                ? new Reply(200, Expand(StripeJson.Customer(customer), call.Form.List("expand")))
                : NoSuch("customer", call.Id);
        }
    }

    private Reply ListCustomerPaymentMethods(Call call)
    {
        lock (_gate)
        {
            if (FindCustomer(call.Id, call.StripeAccount) is null)
            {
                return NoSuch("customer", call.Id);
            }

            var saved = _paymentMethods.Values.Where(pm => pm.Customer == call.Id).OrderByDescending(pm => pm.Created).ToList();
            return Page(call, $"/v1/customers/{call.Id}/payment_methods", saved, pm => pm.Id, pm => pm.Created, PaymentMethodJson);
        }
    }

    private Reply GetPaymentMethod(Call call)
    {
        lock (_gate)
        {
            if (_paymentMethods.TryGetValue(call.Id, out var saved) && saved.Account == call.StripeAccount)
            {
                return new Reply(200, PaymentMethodJson(saved));
            }

            return StripeTestCard.Find(call.Id) is { } card
                ? new Reply(200, StripeJson.PaymentMethod(call.Id, card, null, Clock.GetUtcNow()))
                : NoSuch("payment_method", call.Id);
        }
    }

    /// <summary>Attaching a test alias (pm_card_visa) saves a new pm_… for the customer, as Stripe does.</summary>
    private Reply AttachPaymentMethod(Call call)
    {
        if (call.Form["customer"] is not { Length: > 0 } customerId)
        {
            return Invalid("parameter_missing", "customer", "Missing required param: customer.");
        }

        lock (_gate)
        {
            if (FindCustomer(customerId, call.StripeAccount) is not { } customer)
            {
                return Invalid("resource_missing", "customer", $"No such customer: '{customerId}'");
            }

            var attached = Attach(call.Id, customer, call.StripeAccount);
            return attached.Reply ?? new Reply(200, PaymentMethodJson(attached.Saved!));
        }
    }

    private Reply DetachPaymentMethod(Call call)
    {
        lock (_gate)
        {
            if (!_paymentMethods.TryGetValue(call.Id, out var saved) || saved.Account != call.StripeAccount)
            {
                return NoSuch("payment_method", call.Id);
            }

            if (saved.Customer is null)
            {
                return Invalid("payment_method_unexpected_state", null, "The payment method you provided is not attached to a customer so detachment is impossible.");
            }

            saved.Customer = null;
            return new Reply(200, PaymentMethodJson(saved));
        }
    }

    /// <summary>Saves (or re-uses) a payment method for the customer; Reply set when Stripe would refuse.</summary>
    private (Reply? Reply, StripePaymentMethodState? Saved) Attach(string paymentMethod, StripeCustomerState customer, string? account)
    {
        if (_paymentMethods.TryGetValue(paymentMethod, out var saved) && saved.Account == account)
        {
            if (saved.Customer is not null && saved.Customer != customer.Id)
            {
                return (Invalid(null, "payment_method",
                    "The payment method you provided has already been attached to a customer."), null);
            }

            saved.Customer = customer.Id;
            return (null, saved);
        }

        if (StripeTestCard.Find(paymentMethod) is not { } card)
        {
            return (NoSuchPaymentMethod(paymentMethod), null);
        }

        if (card.DeclinesOnAttach)
        {
            // Stripe verifies a card when it is attached; the decline comes back as a card error.
            return (new Reply(402, StripeJson.Error("card_error", card.Message!, card.Code, declineCode: card.DeclineCode)), null);
        }

        saved = new StripePaymentMethodState
        {
            Id = StripeJson.NewId("pm"), Account = account, Card = card, Created = Clock.GetUtcNow(), Customer = customer.Id,
        };
        _paymentMethods[saved.Id] = saved;
        Emit(account, "payment_method.attached", PaymentMethodJson(saved));
        return (null, saved);
    }

    /// <summary>A test alias or a saved card the account owns.</summary>
    private StripeTestCard? FindCard(string paymentMethod, string? account) =>
        _paymentMethods.TryGetValue(paymentMethod, out var saved) && saved.Account == account ? saved.Card : StripeTestCard.Find(paymentMethod);

    private StripeCustomerState? FindCustomer(string id, string? account) =>
        _customers.TryGetValue(id, out var customer) && customer.Account == account ? customer : null;

    private static JsonObject PaymentMethodJson(StripePaymentMethodState saved) =>
        StripeJson.PaymentMethod(saved.Id, saved.Card, saved.Customer, saved.Created);

    private void ResetCustomers()
    {
        _customers.Clear();
        _paymentMethods.Clear();
    }
}
