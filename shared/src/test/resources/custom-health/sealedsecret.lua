-- Written for these tests from what Argo CD's built-in bitnami.com/SealedSecret check looks at: the Synced
-- condition, False being Degraded.
local hs = {status = "Progressing", message = "Waiting for the Secret to be unsealed"}
if obj.status ~= nil and obj.status.conditions ~= nil then
  for i, condition in ipairs(obj.status.conditions) do
    if condition.type == "Synced" and condition.status == "False" then
      hs.status = "Degraded"
      hs.message = condition.message
      return hs
    end
    if condition.type == "Synced" and condition.status == "True" then
      hs.status = "Healthy"
      hs.message = condition.message or ""
    end
  end
end
return hs
