// Holds the secrets the app reads through Key Vault references. RBAC mode, so access is granted by role
// assignment (rbac.bicep) like everything else, not by access policies.

@description('Key Vault name: 3-24 letters, digits and hyphens.')
param name string

param location string
param tags object

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: name
  location: location
  tags: tags
  properties: {
    tenantId: tenant().tenantId
    sku: {
      family: 'A'
      name: 'standard'
    }
    enableRbacAuthorization: true
    enableSoftDelete: true
    // Short retention and no purge protection, so `azd down --purge` frees the name for the next `azd up`.
    softDeleteRetentionInDays: 7
    publicNetworkAccess: 'Enabled'
  }
}

output name string = vault.name
