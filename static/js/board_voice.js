// Board voice: a call is read from clips ("Mời số", letter, digits, "đến quầy", digits); browser speech
// only if a clip fails. Sound is remembered per screen; the clock shows server time (UTC+7).
(function(d,w){var D=d.currentScript.dataset,C={},on,last,skew,K="tdp-board-sound",q=function(s){return d.querySelector(s)}
try{on=localStorage[K]=="1"}catch(e){}
function clip(n){return C[n]||(C[n]=new Audio(D.clips+n+".mp3?v="+D.v))}
function blocked(v){q("[data-sound-blocked]").hidden=!v;if(v)q("[data-sound]").hidden=false}
function speak(t){var s=w.speechSynthesis,v=s&&s.getVoices().filter(function(o){return!o.lang.indexOf("vi")})[0]
if(v)s.speak(Object.assign(new SpeechSynthesisUtterance(t),{voice:v,lang:v.lang}))}
function result(p,t){p&&p.then(function(){blocked()},function(e){e.name=="NotAllowedError"?blocked(1):t&&speak(t)})}
function play(names,t){var a=clip(names.shift());a.onended=function(){names.length&&play(names,t)}
a.onerror=function(){speak(t)};result(a.play(),t)}
function check(){var b=q("#board"),c=b&&b.dataset.call  // a new call or recall; not the one on screen at load
if(c&&last!=null&&c!=last&&on)play(["moi-so"].concat(b.dataset.label.toLowerCase().split(""),"den-quay",b.dataset.desk.split("")),b.dataset.say)
last=c||""}
d.addEventListener("htmx:afterSwap",check)
d.addEventListener("htmx:afterRequest",function(e){var t=Date.parse(e.detail.xhr.getResponseHeader("Date"));if(t)skew=t-Date.now()})
d.addEventListener("DOMContentLoaded",function(){var b=q("[data-sound]");check();b.hidden=!!on
b.onclick=function(){on=1;blocked();b.hidden=true;try{localStorage[K]="1"}catch(e){}}
setInterval(function(){if(skew!=null)q("[data-clock]").textContent=new Date(Date.now()+skew+252e5).toISOString().slice(11,16)},1e3)})
w.addEventListener("load",function(){"abcdefghijklmnopqrstuvwxyz0123456789".split("").concat("moi-so","den-quay").forEach(clip)
if(on){var a=new Audio(clip("den-quay").src);a.volume=0;result(a.play());a.onplaying=function(){a.pause()}}})  // after first paint
})(document,window)
