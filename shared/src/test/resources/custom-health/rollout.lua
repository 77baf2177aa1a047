-- Written for these tests from what Argo CD's built-in argoproj.io/Rollout check looks at: a paused rollout is
-- Suspended, an old observedGeneration is Progressing, and otherwise status.phase says it.
local hs = {}
if obj.spec.paused == true then
  hs.status = "Suspended"
  hs.message = "Rollout is paused"
  return hs
end
if obj.status == nil or obj.status.observedGeneration == nil
    or tostring(obj.status.observedGeneration) ~= tostring(obj.metadata.generation) then
  hs.status = "Progressing"
  hs.message = "Waiting for rollout spec update to be observed"
  return hs
end
local phase = obj.status.phase
if phase == "Healthy" or phase == "Degraded" or phase == "Progressing" then
  hs.status = phase
elseif phase == "Paused" then
  hs.status = "Suspended"
else
  hs.status = "Progressing"
end
hs.message = obj.status.message or ""
return hs
