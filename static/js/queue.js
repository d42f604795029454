// Queue: resident alerts; board chime, speech, lost-connection mark; slip printing.
(function(d,w){var x,on,L={},q=function(s){return d.querySelector(s)},E=d.addEventListener.bind(d)
function tone(){try{x=x||new AudioContext}catch(e){return}[880,660].forEach(function(h,i){var o=x.createOscillator(),g=x.createGain(),t=x.currentTime+i/2
o.frequency.value=h;g.gain.setValueAtTime(.3,t);g.gain.exponentialRampToValueAtTime(.001,t+.9);o.connect(g);g.connect(x.destination);o.start(t);o.stop(t+.9)})}
function check(){var t=q("#ticket"),b=q("#board"),s=w.speechSynthesis,v,u
if(t){v=t.dataset.state;if(L.t&&v!=L.t&&v=="called"){navigator.vibrate&&navigator.vibrate([400,200,400]);tone()}L.t=v}
if(b){v=b.dataset.call||"";if(on&&v&&v!=L.b){tone();u=s&&s.getVoices().filter(function(o){return!o.lang.indexOf(d.documentElement.lang)})[0]
if(u){u=Object.assign(new SpeechSynthesisUtterance(b.dataset.say),{voice:u,lang:u.lang});setTimeout(function(){s.speak(u)},1200)}}L.b=v}}
function off(v){var m=q("[data-offline]");if(m)m.hidden=!v}
E("htmx:afterSwap",check);E("htmx:sendError",function(){off(1)});E("htmx:responseError",function(){off(1)})
E("htmx:afterRequest",function(e){e.detail.successful&&off()})
E("DOMContentLoaded",function(){var s=q("[data-sound]"),p=q("[data-print]"),c=q("[data-clock]");check()
if(s){s.hidden=0;s.onclick=function(){on=1;tone();s.hidden=1}}if(p){p.hidden=0;p.onclick=function(){w.print()}}
q("[data-autoprint]")&&w.print();c&&setInterval(function(){c.textContent=Date().slice(16,21)},5e3)})})(document,window)
